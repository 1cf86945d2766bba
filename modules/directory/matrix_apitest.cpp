// The directory routes' rows of the authorization matrix (app/routes_apitest.cpp): the HSDS API is
// public, for every actor and for other directories, on any record (a directory's records belong
// to no organization of Ponte's tenancy, so none is foreign).
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/testing/matrix.hpp"
#include "modules/directory/store.hpp"

namespace ponte::directory {
namespace {

using testing::kEveryone;

Organization NewOrganization() {
    const std::string id = crypto::RandomUuid();
    return {.id = id,
            .name = "Matrix organization",
            .document = {{"id", id}, {"name", "Matrix organization"}, {"description", "For the matrix"}}};
}

testing::RecordId MakeOrganization(testing::Identities&, db::Database& database, testing::Reach) {
    auto connection = database.Acquire();
    const Organization organization = NewOrganization();
    WriteOrganization(*connection, organization, core::NowMs());
    return organization.id;
}

testing::RecordId MakeService(testing::Identities&, db::Database& database, testing::Reach) {
    auto connection = database.Acquire();
    const Organization organization = NewOrganization();
    const std::int64_t row = WriteOrganization(*connection, organization, core::NowMs()).row;
    const std::string id = crypto::RandomUuid();
    WriteService(*connection,
                 {.id = id,
                  .organization_id = organization.id,
                  .name = "Matrix service",
                  .status = "active",
                  .document = {{"id", id}, {"name", "Matrix service"}, {"status", "active"}}},
                 row, {}, core::NowMs());
    return id;
}

testing::RecordId MakeTaxonomy(testing::Identities&, db::Database& database, testing::Reach) {
    auto connection = database.Acquire();
    const std::string id = crypto::RandomUuid();
    WriteTaxonomy(*connection,
                  {.id = id,
                   .name = "Matrix taxonomy",
                   .document = {{"id", id}, {"name", "Matrix taxonomy"}, {"description", "For the matrix"}}},
                  core::NowMs());
    return id;
}

testing::RecordId MakeTerm(testing::Identities&, db::Database& database, testing::Reach) {
    auto connection = database.Acquire();
    const std::string id = crypto::RandomUuid();
    WriteTaxonomyTerm(*connection,
                      {.id = id,
                       .name = "Matrix term",
                       .document = {{"id", id}, {"name", "Matrix term"}, {"description", "For the matrix"}}},
                      0, core::NowMs());
    return id;
}

const bool kRows = testing::DeclareMatrixRows({.rows = {{"searchDirectory", {std::string(kEveryone), ""}},
                                                        {"getDirectoryService", {std::string(kEveryone), ""}},
                                                        {"getHsdsApi", {std::string(kEveryone), ""}},
                                                        {"listHsdsServices", {std::string(kEveryone), ""}},
                                                        {"getHsdsService", {std::string(kEveryone), ""}},
                                                        {"listHsdsOrganizations", {std::string(kEveryone), ""}},
                                                        {"getHsdsOrganization", {std::string(kEveryone), ""}},
                                                        {"listHsdsTaxonomies", {std::string(kEveryone), ""}},
                                                        {"getHsdsTaxonomy", {std::string(kEveryone), ""}},
                                                        {"listHsdsTaxonomyTerms", {std::string(kEveryone), ""}},
                                                        {"getHsdsTaxonomyTerm", {std::string(kEveryone), ""}}},
                                               .records = {{"service_id", &MakeService},
                                                           {"directory_organization_id", &MakeOrganization},
                                                           {"taxonomy_id", &MakeTaxonomy},
                                                           {"taxonomy_term_id", &MakeTerm}}});

}  // namespace
}  // namespace ponte::directory
