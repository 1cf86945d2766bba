#include "modules/directory/taxonomy.hpp"

#include <algorithm>

#include "core/crypto/random.hpp"

namespace ponte::directory {
namespace {

constexpr Category kCategories[] = {
    {"language-courses", "Language courses", "Courses of the host country's language, at every level."},
    {"cultural-mediation", "Cultural mediation", "Mediators and interpreters between her and the services."},
    {"legal-documents", "Legal and documents",
     "Residence permits, asylum, family reunification, legal aid and the papers they need."},
    {"health", "Health", "Health care, sexual and reproductive health, family planning and maternity."},
    {"anti-violence", "Anti-violence centres and shelters",
     "Help against violence: listening, counselling, protection and shelters."},
    {"housing", "Housing", "Finding a home, emergency accommodation and help with rent."},
    {"employment-training", "Employment and training",
     "Job seeking, recognition of qualifications, vocational training and internships."},
    {"childcare-schools", "Childcare and schools", "Nurseries, schools, enrolment and help with homework."},
    {"money-benefits", "Money and benefits", "Allowances, bank accounts, budgeting and help with bills."},
    {"digital-help", "Digital help", "A computer, the internet and help with online procedures."},
    {"community-culture", "Community and culture",
     "Meeting places, groups, sport, libraries and the life of the neighbourhood."},
    {"women-only", "Women only", "Open to women only.", true},
    {"childcare", "Childcare on site", "Children are looked after while she takes part.", true},
    {"free", "Free of charge", "Costs nothing.", true},
};

}  // namespace

std::span<const Category> Categories() { return kCategories; }

bool IsCategory(std::string_view code) {
    return std::ranges::any_of(kCategories, [&](const Category& category) { return category.code == code; });
}

Taxonomy CategoryTaxonomy() {
    const std::string id = crypto::NamedUuid("ponte taxonomy: categories");
    return {.id = id,
            .name = "Ponte categories",
            .document = {{"id", id},
                         {"name", "Ponte categories"},
                         {"description", "What women new to a country look for in its services"},
                         {"version", "1"}}};
}

Taxonomy FeatureTaxonomy() {
    const std::string id = crypto::NamedUuid("ponte taxonomy: features");
    return {.id = id,
            .name = "Ponte features",
            .document = {{"id", id},
                         {"name", "Ponte features"},
                         {"description", "What a service offers besides what it does"},
                         {"version", "1"}}};
}

TaxonomyTerm CategoryTerm(const Category& category) {
    const std::string id = crypto::NamedUuid("ponte taxonomy term: " + std::string(category.code));
    const Taxonomy taxonomy = category.feature ? FeatureTaxonomy() : CategoryTaxonomy();
    return {.id = id,
            .taxonomy_id = taxonomy.id,
            .code = std::string(category.code),
            .name = std::string(category.name),
            .document = {{"id", id},
                         {"code", category.code},
                         {"name", category.name},
                         {"description", category.description},
                         {"taxonomy_id", taxonomy.id},
                         {"language", "en"}}};
}

}  // namespace ponte::directory
