#include "core/testing/matrix.hpp"

#include <cstdio>
#include <cstdlib>

namespace ponte::testing {
namespace {

MatrixRows& Rows() {
    static MatrixRows rows;
    return rows;
}

}  // namespace

bool DeclareMatrixRows(MatrixRows rows) {
    auto& all = Rows();
    for (auto& [id, row] : rows.rows) {
        if (!all.rows.emplace(id, std::move(row)).second) {
            std::fprintf(stderr, "authorization matrix: %s declared twice\n", id.c_str());
            std::abort();
        }
    }
    for (auto& [parameter, factory] : rows.records) {
        if (!all.records.emplace(parameter, std::move(factory)).second) {
            std::fprintf(stderr, "authorization matrix: record factory for %s declared twice\n", parameter.c_str());
            std::abort();
        }
    }
    all.with_team.merge(rows.with_team);
    return true;
}

const MatrixRows& DeclaredMatrixRows() { return Rows(); }

}  // namespace ponte::testing
