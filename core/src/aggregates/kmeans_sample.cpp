// The bottom-m sketch that starts distributed k-means: whatever the split, the merged parts keep
// the same m rows, so the initial centroids are the same.
#include <utility>

#include "kmeans_json.hpp"
#include "selfcrm/aggregates/kmeans_aggregate.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/segments/kmeans.hpp"

namespace selfcrm::aggregates {

KMeansSample::KMeansSample(PartialHeader header, std::vector<std::string> columns, std::size_t size)
    : KMeansPart(std::move(header), kKMeansSampleFormat, std::move(columns)), size_(size) {
  if (size_ == 0) throw Error(ErrorCode::Range, "/sampleSize", "the sample size must be ≥ 1");
}

void KMeansSample::insert(Entry entry) {
  if (entries_.size() == size_) {
    if (!(entry < *entries_.rbegin())) return;  // not among the m smallest (or already held)
    if (!entries_.insert(std::move(entry)).second) return;
    entries_.erase(std::prev(entries_.end()));
    return;
  }
  entries_.insert(std::move(entry));  // a duplicate row is held once
}

void KMeansSample::addRows(const double* rows, std::size_t n) {
  const std::size_t d = columns_.size();
  std::vector<double> x;
  detail::checkedRows(rows, n, d, x);
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = x.data() + i * d;
    insert(Entry{rowHash(row, d), std::vector<double>(row, row + d)});
  }
  seen_ += n;
}

std::string KMeansSample::partialText() const {
  nlohmann::ordered_json out = partialHead();
  out["sampleSize"] = size_;
  out["rows"] = seen_;
  nlohmann::ordered_json sample = nlohmann::ordered_json::array();
  for (const Entry& e : entries_) sample.push_back(e.row);
  out["sample"] = std::move(sample);
  return out.dump();
}

void KMeansSample::mergePartial(const std::string& text) {
  Admitted admitted = admit(text);
  const nlohmann::json& part = admitted.part;
  if (countMember(part, "sampleSize") != size_) {
    throw Error(ErrorCode::Conflict, "/sampleSize", "the part kept a sample of another size (give every part the same --sample-size)");
  }
  const std::uint64_t seen = countMember(part, "rows");
  const auto sample = part.find("sample");
  if (sample == part.end() || !sample->is_array() || sample->size() > size_ || sample->size() > seen) {
    throw Error(ErrorCode::Schema, "/sample", "expected at most sampleSize rows");
  }
  std::vector<Entry> add;
  for (std::size_t i = 0; i < sample->size(); ++i) {
    auto row = detail::rowAt((*sample)[i], columns_.size(), pointerAppend("/sample", i));
    const std::uint64_t hash = rowHash(row.data(), row.size());
    add.push_back(Entry{hash, std::move(row)});
  }
  commit(admitted);
  for (Entry& e : add) insert(std::move(e));
  seen_ += seen;
}

nlohmann::ordered_json KMeansSample::initialCentroids(std::size_t k, std::uint64_t seed, std::size_t maxIterations,
                                                      double tolerance) const {
  const std::size_t d = columns_.size();
  if (k < 1 || k > entries_.size()) {
    throw Error(ErrorCode::Range, "/k", "k must be from 1 to the distinct rows in the sample (" + std::to_string(entries_.size()) + ")");
  }
  std::vector<double> rows;
  rows.reserve(entries_.size() * d);
  for (const Entry& e : entries_) rows.insert(rows.end(), e.row.begin(), e.row.end());
  segments::KMeansOptions o;
  o.k = k;
  o.seed = seed;
  o.maxIterations = maxIterations;
  o.tolerance = tolerance;
  const segments::KMeansResult r = segments::kmeans(rows.data(), entries_.size(), d, o);
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["format"] = kKMeansCentroidsFormat;
  doc["version"] = kKMeansPartialVersion;
  doc["columns"] = columns_;
  doc["k"] = k;
  doc["iteration"] = 0;
  nlohmann::ordered_json centroids = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < k; ++c) centroids.push_back(std::vector<double>(r.centroids.begin() + c * d, r.centroids.begin() + (c + 1) * d));
  doc["centroids"] = std::move(centroids);
  doc["converged"] = false;
  doc["sample"] = {{"rows", entries_.size()}, {"of", seen_}, {"seed", seed}};
  return doc;
}

}  // namespace selfcrm::aggregates
