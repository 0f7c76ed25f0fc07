#pragma once
// Reading the members the k-means partials and centroids documents share, with the JSON path of
// whatever is wrong.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace selfcrm::aggregates::detail {

/// {"columns": [string, …]} with at least one column.
std::vector<std::string> columnsMember(const nlohmann::json& doc);
/// An array of `d` finite numbers at `at`.
std::vector<double> rowAt(const nlohmann::json& value, std::size_t d, const std::string& at);
/// An array of `k` rows of `d` finite numbers, flattened, at `at`.
std::vector<double> rowsMember(const nlohmann::json& doc, const char* name, std::size_t k, std::size_t d);
/// Throws E_RANGE at /row/column for the first non-finite feature; −0 becomes +0 in `out`.
void checkedRows(const double* rows, std::size_t n, std::size_t d, std::vector<double>& out);
/// Squared Euclidean distance and nearest centroid (the first on ties), as every step computes them.
std::size_t nearest(const double* row, const double* centroids, std::size_t k, std::size_t d, double& distance);

}  // namespace selfcrm::aggregates::detail
