#include "modules/directory/seed.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crypto/random.hpp"
#include "modules/directory/actions.hpp"
#include "modules/directory/taxonomy.hpp"

namespace ponte::directory {
namespace {

struct Town {
    const char* name;
    double latitude;
    double longitude;
    const char* postal_code;
};

constexpr Town kTowns[] = {
    {"Empoli", 43.7187, 10.9465, "50053"},        {"Castelfiorentino", 43.6060, 10.9710, "50051"},
    {"Certaldo", 43.5480, 11.0410, "50052"},      {"Fucecchio", 43.7297, 10.8070, "50054"},
    {"Vinci", 43.7861, 10.9263, "50059"},         {"Montelupo Fiorentino", 43.7290, 11.0204, "50056"},
    {"Cerreto Guidi", 43.7584, 10.8830, "50050"}, {"Montespertoli", 43.6432, 11.0742, "50025"}};

// When a service is open: the days (byday) and hours of its one weekly schedule.
struct Hours {
    const char* days;
    const char* opens;
    const char* closes;
};
constexpr Hours kMornings{"MO,TU,WE,TH,FR", "09:00", "13:00"};
constexpr Hours kAfternoons{"MO,TU,WE,TH,FR", "14:30", "18:30"};
constexpr Hours kWorkingDays{"MO,TU,WE,TH,FR", "09:00", "18:00"};
constexpr Hours kAlways{"MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00"};
constexpr Hours kTuesdayThursday{"TU,TH", "15:00", "19:00"};
constexpr Hours kSaturday{"SA", "09:30", "12:30"};
constexpr Hours kMondayWednesdayFriday{"MO,WE,FR", "09:00", "12:00"};

struct DemoService {
    const char* organization;
    int town;
    const char* name;
    const char* description;
    std::vector<const char*> categories;
    std::vector<const char*> languages;
    Hours hours;
    bool confidential = false;
};

// The organizations: those of the demo network first (as core/identity/seed.cpp names them).
constexpr std::array<std::pair<const char*, const char*>, 16> kOrganizations = {{
    {"Empoli social services (demo)", "The municipal social services of the Empolese Valdelsa."},
    {"Ponte women's association (demo)", "An association of women, migrant and Italian, who help each other."},
    {"Valdelsa training centre (demo)", "Vocational training and language courses for adults."},
    {"Centro antiviolenza Lilith (demo)", "An anti-violence centre: listening, counselling, protection, shelters."},
    {"Consultorio familiare ASL (demo)", "The family health centre of the local health authority."},
    {"Associazione Mediatrici Insieme (demo)", "Cultural mediators in Arabic, Urdu, Chinese, Albanian and more."},
    {"Sportello Diritti Migranti (demo)", "Free legal advice on residence permits, asylum and reunification."},
    {"Casa del Quartiere (demo)", "A neighbourhood house: groups, a library corner, a kitchen."},
    {"Centro per l'impiego (demo)", "The public employment office: job seeking, training, internships."},
    {"Biblioteca comunale (demo)", "The public library, with computers and help online."},
    {"Cooperativa Abitare (demo)", "Help to find a home and with the rent."},
    {"Scuola di italiano Babele (demo)", "Volunteer Italian lessons for women, with childcare."},
    {"Banco alimentare e sportello sociale (demo)", "Food parcels, help with bills and benefits."},
    {"Asilo nido Girotondo (demo)", "A municipal nursery, with places for new families."},
    {"Ambulatorio Salute Senza Confini (demo)", "Free health care for people without a health card."},
    {"Polisportiva Donne in Movimento (demo)", "Sport and walks for women of every age."},
}};

const std::vector<DemoService>& DemoServices() {
    static const std::vector<DemoService> services = {
        {kOrganizations[0].first,
         0,
         "Segretariato sociale (demo)",
         "Primo ascolto e orientamento ai servizi sociali del territorio. First listening and guidance.",
         {"money-benefits", "housing", "free"},
         {"it", "en"},
         kMornings},
        {kOrganizations[0].first,
         1,
         "Segretariato sociale Castelfiorentino (demo)",
         "Primo ascolto e orientamento, presa in carico.",
         {"money-benefits", "free"},
         {"it"},
         kMondayWednesdayFriday},
        {kOrganizations[1].first,
         0,
         "Gruppo di parola tra donne (demo)",
         "Incontri tra donne per parlare, conoscersi e aiutarsi. Rencontres entre femmes.",
         {"community-culture", "women-only", "childcare", "free"},
         {"it", "fr", "ar"},
         kTuesdayThursday},
        {kOrganizations[1].first,
         0,
         "Mentoring e accompagnamento (demo)",
         "Una volontaria ti accompagna ai servizi e negli uffici. مرافقة إلى المكاتب والخدمات.",
         {"cultural-mediation", "women-only", "free"},
         {"it", "ar", "en"},
         kAfternoons},
        {kOrganizations[2].first,
         0,
         "Corso di italiano A1-A2 (demo)",
         "Italian for beginners, mornings, with a certificate at the end.",
         {"language-courses"},
         {"it", "en"},
         kMornings},
        {kOrganizations[2].first,
         2,
         "Corso di assistente familiare (demo)",
         "Formazione professionale per il lavoro di cura, con tirocinio.",
         {"employment-training"},
         {"it"},
         kWorkingDays},
        {kOrganizations[3].first,
         0,
         "Sportello antiviolenza (demo)",
         "Ascolto, consulenza legale e psicologica per donne che subiscono violenza. Linea attiva 24 ore su 24.",
         {"anti-violence", "women-only", "free"},
         {"it", "en", "fr", "ar", "es"},
         kAlways},
        {kOrganizations[3].first,
         0,
         "Casa rifugio Le Ginestre (demo)",
         "Ospitalità protetta per donne e i loro figli. L'indirizzo è riservato: si accede tramite lo sportello.",
         {"anti-violence", "housing", "women-only", "free"},
         {"it", "ar", "en"},
         kAlways,
         true},
        {kOrganizations[3].first,
         1,
         "Casa rifugio Il Faro (demo)",
         "Ospitalità protetta di secondo livello. Indirizzo riservato.",
         {"anti-violence", "housing", "women-only"},
         {"it", "fr"},
         kAlways,
         true},
        {kOrganizations[3].first,
         3,
         "Punto d'ascolto Fucecchio (demo)",
         "Ascolto e orientamento contro la violenza, su appuntamento.",
         {"anti-violence", "women-only", "free"},
         {"it", "ar"},
         kTuesdayThursday},
        {kOrganizations[4].first,
         0,
         "Consultorio: salute della donna (demo)",
         "Visite ginecologiche, contraccezione, gravidanza, screening. Mediatrice culturale il martedì.",
         {"health", "women-only", "free"},
         {"it", "ar", "ur", "zh"},
         kWorkingDays},
        {kOrganizations[4].first,
         2,
         "Consultorio Certaldo (demo)",
         "Salute sessuale e riproduttiva, percorso nascita.",
         {"health", "free"},
         {"it", "en"},
         kMornings},
        {kOrganizations[4].first,
         3,
         "Spazio giovani (demo)",
         "Salute e contraccezione per ragazze e ragazzi.",
         {"health", "free"},
         {"it", "es"},
         kAfternoons},
        {kOrganizations[5].first,
         0,
         "Mediazione culturale (demo)",
         "Mediatrici che accompagnano nei servizi sanitari e sociali. وسيطات ثقافيات باللغة العربية.",
         {"cultural-mediation", "free"},
         {"ar", "ur", "zh", "sq", "it"},
         kWorkingDays},
        {kOrganizations[5].first,
         4,
         "Interpretariato telefonico (demo)",
         "Un'interprete al telefono per un appuntamento o una visita.",
         {"cultural-mediation"},
         {"ar", "ur", "bn", "it"},
         kMornings},
        {kOrganizations[6].first,
         0,
         "Sportello legale per stranieri (demo)",
         "Permesso di soggiorno, asilo, ricongiungimento familiare, cittadinanza. استشارة قانونية مجانية باللغة "
         "العربية. Reperibilità telefonica 24 ore su 24.",
         {"legal-documents", "free"},
         {"it", "ar", "fr", "en"},
         kAlways},
        {kOrganizations[6].first,
         1,
         "Sportello legale Castelfiorentino (demo)",
         "Consulenza sui documenti e sulle pratiche online.",
         {"legal-documents", "free"},
         {"it", "ar"},
         kSaturday},
        {kOrganizations[6].first,
         3,
         "Consulenza lavoro e diritti (demo)",
         "Contratti, buste paga, diritti delle lavoratrici domestiche.",
         {"legal-documents", "employment-training"},
         {"it", "es", "en"},
         kTuesdayThursday},
        {kOrganizations[7].first,
         0,
         "Cucina insieme (demo)",
         "Cucinare e mangiare insieme, ogni sabato.",
         {"community-culture", "free"},
         {"it", "ar", "fr"},
         kSaturday},
        {kOrganizations[7].first,
         5,
         "Casa del Quartiere Montelupo (demo)",
         "Gruppi, doposcuola, angolo lettura.",
         {"community-culture", "childcare-schools"},
         {"it"},
         kAfternoons},
        {kOrganizations[8].first,
         0,
         "Orientamento al lavoro (demo)",
         "Curriculum, colloqui, riconoscimento dei titoli di studio. Job orientation.",
         {"employment-training", "free"},
         {"it", "en", "fr"},
         kMornings},
        {kOrganizations[8].first,
         3,
         "Tirocini e borse lavoro (demo)",
         "Tirocini retribuiti per chi cerca lavoro.",
         {"employment-training"},
         {"it"},
         kMondayWednesdayFriday},
        {kOrganizations[9].first,
         0,
         "Punto digitale (demo)",
         "Computer, internet e aiuto per SPID, PEC e pratiche online. مساعدة في الإجراءات عبر الإنترنت.",
         {"digital-help", "free"},
         {"it", "ar", "en"},
         kAfternoons},
        {kOrganizations[9].first,
         4,
         "Biblioteca di Vinci (demo)",
         "Prestito di libri in molte lingue, computer.",
         {"digital-help", "community-culture", "free"},
         {"it", "en"},
         kWorkingDays},
        {kOrganizations[10].first,
         0,
         "Sportello casa (demo)",
         "Aiuto per trovare casa, contratti, contributo affitto.",
         {"housing"},
         {"it", "ar", "sq"},
         kTuesdayThursday},
        {kOrganizations[10].first,
         6,
         "Accoglienza temporanea (demo)",
         "Alloggi temporanei per famiglie.",
         {"housing"},
         {"it"},
         kMornings},
        {kOrganizations[11].first,
         0,
         "Italiano per donne, con baby-sitting (demo)",
         "Lezioni di italiano solo per donne, mentre le bambine e i bambini giocano. دروس اللغة الإيطالية للنساء.",
         {"language-courses", "women-only", "childcare", "free"},
         {"it", "ar", "ur", "bn"},
         kMondayWednesdayFriday},
        {kOrganizations[11].first,
         7,
         "Italiano di sera (demo)",
         "Corso serale per chi lavora di giorno.",
         {"language-courses", "free"},
         {"it", "es", "en"},
         Hours{"MO,WE", "19:00", "21:00"}},
        {kOrganizations[12].first,
         0,
         "Sportello bollette e bonus (demo)",
         "Aiuto con bollette, assegno unico e bonus. Aide pour les factures.",
         {"money-benefits", "free"},
         {"it", "fr", "ar"},
         kMondayWednesdayFriday},
        {kOrganizations[12].first,
         2,
         "Pacchi alimentari (demo)",
         "Distribuzione di alimenti ogni sabato.",
         {"money-benefits", "free"},
         {"it"},
         kSaturday},
        {kOrganizations[13].first,
         0,
         "Asilo nido e iscrizioni (demo)",
         "Posti al nido, iscrizione a scuola, mensa. Enrolment in nursery and school.",
         {"childcare-schools"},
         {"it", "en"},
         kMornings},
        {kOrganizations[13].first,
         5,
         "Spazio gioco 0-6 (demo)",
         "Uno spazio per giocare con i propri figli.",
         {"childcare-schools", "community-culture", "free"},
         {"it", "ar"},
         kTuesdayThursday},
        {kOrganizations[14].first,
         0,
         "Ambulatorio STP (demo)",
         "Cure per chi non ha la tessera sanitaria. Soins pour les personnes sans carte vitale.",
         {"health", "free"},
         {"it", "fr", "ar", "en"},
         kAfternoons},
        {kOrganizations[15].first,
         6,
         "Camminate tra donne (demo)",
         "Camminate e ginnastica, ogni sabato mattina.",
         {"community-culture", "women-only", "free"},
         {"it", "ar"},
         kSaturday},
    };
    return services;
}

std::string Id(const std::string& name) { return crypto::NamedUuid("ponte demo directory: " + name); }

// A language one service speaks: a record of its own, as HSDS has it (a language names its service).
boost::json::object Language(const std::string& key, std::string_view code) {
    return {{"id", Id(key + " language " + std::string(code))}, {"code", code}};
}

// A place `index` steps around the town's centre, at most about a kilometre away.
std::pair<double, double> Around(const Town& town, std::size_t index) {
    const double north = static_cast<double>(static_cast<int>((index * 37) % 21) - 10) * 0.0009;
    const double east = static_cast<double>(static_cast<int>((index * 53) % 21) - 10) * 0.0012;
    return {town.latitude + north, town.longitude + east};
}

boost::json::object ServiceJson(const std::string& key, const std::string& organization_id, const Town& town,
                                std::pair<double, double> place, const std::string& name, std::string_view description,
                                const std::vector<const char*>& categories, const std::vector<const char*>& languages,
                                const Hours& hours, bool confidential, std::size_t index) {
    boost::json::array attributes;
    for (const char* code : categories) {
        for (const Category& category : Categories()) {
            if (category.code == code)
                attributes.push_back(
                    {{"id", Id(key + " attribute " + code)}, {"taxonomy_term_id", CategoryTerm(category).id}});
        }
    }
    boost::json::array spoken;
    for (const char* code : languages) spoken.push_back(Language(key, code));
    boost::json::object location{{"id", Id(key + " location")},
                                 {"location_type", "physical"},
                                 {"name", confidential ? name : name + ", " + town.name},
                                 {"latitude", place.first},
                                 {"longitude", place.second},
                                 {"addresses",
                                  {{{"id", Id(key + " address")},
                                    {"address_1", "Via dell'Esempio " + std::to_string(1 + index % 90)},
                                    {"city", town.name},
                                    {"state_province", "FI"},
                                    {"postal_code", town.postal_code},
                                    {"country", "IT"},
                                    {"address_type", "physical"}}}},
                                 {"ponte_time_zone", "Europe/Rome"}};
    if (confidential) location["ponte_confidential"] = true;
    return {{"id", Id(key)},
            {"name", name},
            {"description", description},
            {"status", "active"},
            {"organization_id", organization_id},
            {"phones",
             {{{"id", Id(key + " phone")},
               {"number", "+39 0571 555 " + std::to_string(1000 + index % 9000)},
               {"type", "voice"}}}},
            {"languages", spoken},
            {"attributes", attributes},
            {"schedules",
             {{{"id", Id(key + " schedule")},
               {"freq", "WEEKLY"},
               {"byday", hours.days},
               {"opens_at", hours.opens},
               {"closes_at", hours.closes}}}},
            {"service_at_locations", {{{"id", Id(key + " at")}, {"location", location}}}}};
}

// For benchmarks: services spread over Tuscany, about three to a square kilometre, with names,
// categories, languages and hours of the demo's.
void AddGenerated(boost::json::array& organizations, boost::json::array& services, std::int64_t count) {
    const auto& demo = DemoServices();
    constexpr const char* kWords[] = {"ascolto",    "sostegno",    "donne",        "famiglie",  "lavoro",   "casa",
                                      "italiano",   "salute",      "diritti",      "scuola",    "comunità", "digitale",
                                      "consulenza", "accoglienza", "orientamento", "mediazione"};
    for (std::int64_t i = 0; i < count; ++i) {
        const auto n = static_cast<std::size_t>(i);
        if (n % 50 == 0) {
            const std::string organization = "Generated organization " + std::to_string(n / 50) + " (demo)";
            organizations.push_back(
                {{"id", Id(organization)}, {"name", organization}, {"description", "Made for benchmarks."}});
        }
        const DemoService& like = demo[n % demo.size()];
        const std::string organization = "Generated organization " + std::to_string(n / 50) + " (demo)";
        const std::string name =
            std::string(kWords[n % 16]) + " " + kWords[(n / 16) % 16] + " " + std::to_string(n) + " (demo)";
        const double latitude = 42.5 + static_cast<double>((n * 7919) % 17000) / 10000.0;
        const double longitude = 9.8 + static_cast<double>((n * 104729) % 24000) / 10000.0;
        services.push_back(ServiceJson("generated " + std::to_string(n), Id(organization), kTowns[n % 8],
                                       {latitude, longitude}, name, like.description, like.categories, like.languages,
                                       like.hours, false, n));
    }
}

}  // namespace

void SeedDemo(db::Connection& connection, core::DemoWorld& world) {
    boost::json::array taxonomies{CategoryTaxonomy().document, FeatureTaxonomy().document};
    boost::json::array terms;
    for (const Category& category : Categories()) terms.push_back(CategoryTerm(category).document);
    boost::json::array organizations;
    for (const auto& [name, description] : kOrganizations)
        organizations.push_back(
            {{"id", Id(name)}, {"name", name}, {"description", description}, {"email", "info@example.org"}});
    boost::json::array services;
    std::size_t index = 0;
    for (const DemoService& service : DemoServices()) {
        const Town& town = kTowns[service.town];
        services.push_back(ServiceJson(service.name, Id(service.organization), town, Around(town, index), service.name,
                                       service.description, service.categories, service.languages, service.hours,
                                       service.confidential, index));
        ++index;
    }
    AddGenerated(organizations, services, world.services);
    const boost::json::object input{{"taxonomies", taxonomies},
                                    {"taxonomy_terms", terms},
                                    {"organizations", organizations},
                                    {"services", services}};
    Reading reading = ReadJsonImport(input, "demo");
    if (!reading.problems.empty()) {
        throw std::logic_error("the demo directory does not read: " + reading.problems[0].field + " " +
                               reading.problems[0].code);
    }
    ImportInto(connection, *world.keyring, reading.directory, "demo", world.now_ms);
}

}  // namespace ponte::directory
