#include "modules/cases/plans/pdf.hpp"

#include "core/i18n/catalogue.hpp"
#include "core/i18n/local_time.hpp"

namespace ponte::cases {
namespace {

// A calendar day, as the language writes it ("3 March 2027").
std::string Day(std::string_view locale, std::string_view iso) {
    const auto date = i18n::ParseIsoDate(iso);
    if (!date) return std::string(iso);
    const std::int64_t midnight = i18n::FromLocal(date->year, date->month, date->day, 0, "UTC");
    return i18n::Catalogue::Instance().Format(locale, "cases.plan.pdf.day", {{"day", i18n::Moment{midnight}}});
}

std::string Owner(const PlanAction& action, const Case& record) {
    return action.owner == Owner::kHer ? record.chosen_name : action.owner_name;
}

// The plan's sections in `locale`; the first opens with the plan's title when it is not the
// document's first language.
std::vector<pdf::Section> SectionsIn(const std::string& locale, const Plan& plan, const Case& record, bool first) {
    const auto& catalogue = i18n::Catalogue::Instance();
    auto text = [&](std::string_view key) { return catalogue.Translate(locale, key); };
    std::vector<pdf::Section> sections;
    pdf::KeyValueList about;
    if (!plan.agreed_on.empty()) about.rows.push_back({text("cases.plan.pdf.agreed_on"), Day(locale, plan.agreed_on)});
    std::string reviews;
    for (const auto& review : plan.reviews) reviews += (reviews.empty() ? "" : "\n") + Day(locale, review);
    if (!reviews.empty()) about.rows.push_back({text("cases.plan.pdf.reviews"), reviews});
    about.rows.push_back({text("cases.plan.pdf.version"), std::to_string(plan.recorded ? plan.version - 1 : 0)});
    pdf::Section opening{
        .heading = first ? std::string() : text("cases.plan.pdf.title"), .language = locale, .new_page = !first};
    opening.blocks.emplace_back(std::move(about));
    if (plan.goals.empty()) opening.blocks.emplace_back(pdf::Paragraph{text("cases.plan.pdf.no_goals")});
    sections.push_back(std::move(opening));
    for (const auto& goal : plan.goals) {
        pdf::Section section{.heading = catalogue.Format(
                                 locale, "cases.plan.pdf.goal",
                                 {{"domain", text("cases.domain." + goal.domain)}, {"statement", goal.statement}}),
                             .language = locale};
        pdf::KeyValueList measure;
        if (!goal.target.empty()) measure.rows.push_back({text("cases.plan.pdf.target"), goal.target});
        if (goal.target_score) {
            measure.rows.push_back(
                {text("cases.plan.pdf.target_score"),
                 catalogue.Format(locale, "cases.plan.pdf.score", {{"score", std::int64_t{*goal.target_score}}})});
        }
        if (!measure.rows.empty()) section.blocks.emplace_back(std::move(measure));
        if (!goal.actions.empty()) {
            pdf::Table actions{.columns = {{text("cases.plan.pdf.action"), 4},
                                           {text("cases.plan.pdf.who"), 2},
                                           {text("cases.plan.pdf.by"), 2},
                                           {text("cases.plan.pdf.state"), 1.5}}};
            for (const auto& action : goal.actions) {
                actions.rows.push_back({action.title, Owner(action, record), Day(locale, action.due_on),
                                        text("cases.plan.state." + std::string(ActionStateName(action.state)))});
            }
            section.blocks.emplace_back(std::move(actions));
        }
        sections.push_back(std::move(section));
    }
    return sections;
}

}  // namespace

pdf::Document PlanDocument(const Plan& plan, const Case& record, const std::vector<std::string>& locales) {
    const auto& catalogue = i18n::Catalogue::Instance();
    const std::string first = locales.empty() ? std::string("en") : locales.front();
    pdf::Document document{
        .language = first,
        .title = catalogue.Translate(first, "cases.plan.pdf.title"),
        .subtitle =
            catalogue.Format(first, "cases.plan.pdf.subtitle", {{"name", record.chosen_name}, {"code", record.code}}),
        // The page numbers are put in by the renderer, in the places the language's text gives them.
        .footer = catalogue.Format(first, "cases.plan.pdf.footer",
                                   {{"page", std::string("{page}")}, {"pages", std::string("{pages}")}})};
    for (std::size_t i = 0; i < locales.size() || i == 0; ++i) {
        auto sections = SectionsIn(i < locales.size() ? locales[i] : first, plan, record, i == 0);
        for (auto& section : sections) document.sections.push_back(std::move(section));
    }
    return document;
}

}  // namespace ponte::cases
