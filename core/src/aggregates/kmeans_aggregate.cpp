// The pieces of distributed k-means shared by the sample and the step: the row hash, the centroids
// document, the assignment, and the whole run in one process.
#include "selfcrm/aggregates/kmeans_aggregate.hpp"

#include <cmath>
#include <cstring>

#include "../segments/kmeans_detail.hpp"
#include "kmeans_json.hpp"
#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

namespace detail {

std::vector<std::string> columnsMember(const nlohmann::json& doc) {
  const auto it = doc.find("columns");
  if (it == doc.end() || !it->is_array() || it->empty()) throw Error(ErrorCode::Schema, "/columns", "expected an array of column names");
  std::vector<std::string> columns;
  for (std::size_t j = 0; j < it->size(); ++j) {
    if (!(*it)[j].is_string()) throw Error(ErrorCode::Schema, pointerAppend("/columns", j), "expected a column name");
    columns.push_back((*it)[j].get<std::string>());
  }
  return columns;
}

std::vector<double> rowAt(const nlohmann::json& value, std::size_t d, const std::string& at) {
  if (!value.is_array() || value.size() != d) throw Error(ErrorCode::Schema, at, "expected " + std::to_string(d) + " numbers");
  std::vector<double> row(d);
  for (std::size_t j = 0; j < d; ++j) {
    if (!value[j].is_number() || !std::isfinite(value[j].get<double>())) throw Error(ErrorCode::Schema, pointerAppend(at, j), "expected a finite number");
    row[j] = value[j].get<double>() + 0.0;
  }
  return row;
}

std::vector<double> rowsMember(const nlohmann::json& doc, const char* name, std::size_t k, std::size_t d) {
  const std::string at = std::string("/") + name;
  const auto it = doc.find(name);
  if (it == doc.end() || !it->is_array() || it->size() != k) throw Error(ErrorCode::Schema, at, "expected " + std::to_string(k) + " rows");
  std::vector<double> out;
  out.reserve(k * d);
  for (std::size_t c = 0; c < k; ++c) {
    const auto row = rowAt((*it)[c], d, pointerAppend(at, c));
    out.insert(out.end(), row.begin(), row.end());
  }
  return out;
}

void checkedRows(const double* rows, std::size_t n, std::size_t d, std::vector<double>& out) {
  out.resize(n * d);
  for (std::size_t i = 0; i < n * d; ++i) {
    if (!std::isfinite(rows[i])) throw Error(ErrorCode::Range, "/" + std::to_string(i / d) + "/" + std::to_string(i % d), "features must be finite numbers");
    out[i] = rows[i] + 0.0;  // −0 + 0 = +0: the same row hashes the same
  }
}

std::size_t nearest(const double* row, const double* centroids, std::size_t k, std::size_t d, double& distance) {
  std::size_t best = 0;
  distance = segments::detail::squaredDistance(row, centroids, d);
  for (std::size_t c = 1; c < k; ++c) {
    const double dist = segments::detail::squaredDistance(row, centroids + c * d, d);
    if (dist < distance) {
      distance = dist;
      best = c;
    }
  }
  return best;
}

}  // namespace detail

std::uint64_t rowHash(const double* row, std::size_t d) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::size_t j = 0; j < d; ++j) {
    const double v = row[j] + 0.0;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    for (int b = 0; b < 8; ++b) {
      h ^= (bits >> (8 * b)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  }
  // FNV's low bits mix poorly; splitmix64's finaliser spreads them, so the smallest hashes are a
  // uniform sample.
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

KMeansPart::KMeansPart(PartialHeader header, const char* format, std::vector<std::string> columns)
    : gate_([&] {
        header.format = format;
        header.version = kKMeansPartialVersion;
        return std::move(header);
      }()),
      columns_(std::move(columns)) {
  if (columns_.empty()) throw Error(ErrorCode::Range, "/columns", "k-means needs at least one column");
}

KMeansPart::Admitted KMeansPart::admit(const std::string& text) const {
  Admitted a{parsePartial(text), gate_, 0, 0};
  a.gate.admit(a.part);
  if (detail::columnsMember(a.part) != columns_) throw Error(ErrorCode::Conflict, "/columns", "the part's columns are not this run's");
  a.lines = countMember(a.part, "lines");
  a.rejected = countMember(a.part, "rejected");
  return a;
}

void KMeansPart::commit(Admitted& a) {
  gate_ = std::move(a.gate);
  lines_ += a.lines;
  rejected_ += a.rejected;
}

nlohmann::ordered_json KMeansPart::partialHead() const {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  writeHeader(out, gate_.header());
  out["columns"] = columns_;
  out["lines"] = lines_;
  out["rejected"] = rejected_;
  return out;
}

KMeansCentroids parseCentroids(const std::string& text) {
  const nlohmann::json doc = parsePartial(text);
  if (!doc.is_object()) throw Error(ErrorCode::Schema, "", "a centroids document is a JSON object");
  const auto format = doc.find("format");
  if (format == doc.end() || *format != kKMeansCentroidsFormat) {
    throw Error(ErrorCode::Schema, "/format", std::string("expected \"") + kKMeansCentroidsFormat + "\" (what cluster --merge writes)");
  }
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer()) throw Error(ErrorCode::Schema, "/version", "expected an integer");
  if (version->get<int>() != kKMeansPartialVersion) {
    throw Error(ErrorCode::Version, "/version", "version " + std::to_string(version->get<int>()) + " of the format; this engine reads version " + std::to_string(kKMeansPartialVersion));
  }
  KMeansCentroids c;
  c.columns = detail::columnsMember(doc);
  c.k = static_cast<std::size_t>(countMember(doc, "k"));
  if (c.k == 0) throw Error(ErrorCode::Schema, "/k", "expected at least one cluster");
  c.iteration = countMember(doc, "iteration");
  c.values = detail::rowsMember(doc, "centroids", c.k, c.columns.size());
  return c;
}

std::vector<std::int32_t> assignToCentroids(const KMeansCentroids& centroids, const double* rows, std::size_t n) {
  const std::size_t d = centroids.columns.size();
  std::vector<double> x;
  detail::checkedRows(rows, n, d, x);
  std::vector<std::int32_t> out(n);
  if (n) segments::detail::assignNearest(x.data(), n, d, centroids.values.data(), centroids.k, out.data());
  return out;
}

KMeansBySample kmeansBySample(const double* rows, std::size_t n, const std::vector<std::string>& columns, std::size_t k,
                              std::uint64_t seed, std::size_t sampleSize, std::size_t maxIterations, double tolerance) {
  if (maxIterations == 0) throw Error(ErrorCode::Range, "/maxIterations", "maxIterations must be ≥ 1");
  const PartialHeader header{"", 0, "", "", ""};
  KMeansSample sample(header, columns, sampleSize);
  sample.addRows(rows, n);
  KMeansBySample out;
  out.centroids = sample.initialCentroids(k, seed, maxIterations, tolerance);
  for (std::size_t i = 0; i < maxIterations; ++i) {
    KMeansStep step(header, parseCentroids(out.centroids.dump()));
    step.addRows(rows, n);
    out.centroids = step.next(tolerance);
    if (out.centroids["converged"].get<bool>()) break;
  }
  out.assignments = assignToCentroids(parseCentroids(out.centroids.dump()), rows, n);
  return out;
}

}  // namespace selfcrm::aggregates
