// Ponte's taxonomy of what the women the programmes serve look for, as HSDS taxonomy terms: the
// categories of the directory's search and map, and the features a service may have (women only,
// childcare on site, free of charge). Their codes are the search's `category` values; the app
// names them in the reader's language by code. An import may bring terms of other taxonomies too.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "modules/directory/model.hpp"

namespace ponte::directory {

struct Category {
    std::string_view code;
    std::string_view name;  // in English, as the HSDS term is named
    std::string_view description;
    bool feature = false;  // a feature of a service rather than what it does
};

// Every category and feature, in the order the app lists them.
std::span<const Category> Categories();

// True for a code of Categories().
bool IsCategory(std::string_view code);

// Ponte's two taxonomies and their terms, as HSDS records, under stable ids (the same in every
// database, so that an export names them alike).
Taxonomy CategoryTaxonomy();
Taxonomy FeatureTaxonomy();
TaxonomyTerm CategoryTerm(const Category& category);

}  // namespace ponte::directory
