// The consents routes' rows of the authorization matrix (app/routes_apitest.cpp): a person
// reaches her own consents; case workers, coordinators and admins those of the people their
// organization serves; platform admins all.
#include "core/testing/matrix.hpp"

namespace ponte::consents {
namespace {

const bool kRows = testing::DeclareMatrixRows({.rows = {
                                                   {"listConsents", {"DDDDADAADA", "DDDDDDDDDA"}},
                                                   {"recordConsent", {"DDDDADAADA", "DDDDDDDDDA"}},
                                               }});

}  // namespace
}  // namespace ponte::consents
