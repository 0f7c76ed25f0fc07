// One Lloyd step of distributed k-means: exact per-cluster sums, so the merged step's centroids
// are the same bits however the rows were split.
#include <algorithm>
#include <utility>

#include "../segments/kmeans_detail.hpp"
#include "kmeans_json.hpp"
#include "selfcrm/aggregates/kmeans_aggregate.hpp"
#include "selfcrm/error.hpp"

namespace selfcrm::aggregates {

namespace {

nlohmann::ordered_json expansion(const ExactSum& s) { return s.canonical(); }

ExactSum expansionAt(const nlohmann::json& value, const std::string& at) {
  if (!value.is_array()) throw Error(ErrorCode::Schema, at, "expected an exact sum (an array of numbers)");
  std::vector<double> terms;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_number()) throw Error(ErrorCode::Schema, pointerAppend(at, i), "expected a number");
    terms.push_back(value[i].get<double>());
  }
  try {
    return ExactSum::fromTerms(terms);
  } catch (const Error& e) {
    throw Error(e.code(), at, e.what());
  }
}

}  // namespace

KMeansStep::KMeansStep(PartialHeader header, KMeansCentroids centroids)
    : KMeansPart(std::move(header), kKMeansStepFormat, centroids.columns),
      centroids_(std::move(centroids)),
      d_(centroids_.columns.size()),
      counts_(centroids_.k, 0),
      sums_(centroids_.k * d_) {
  if (d_ == 0 || centroids_.k == 0 || centroids_.values.size() != centroids_.k * d_) {
    throw Error(ErrorCode::Schema, "/centroids", "expected k centroids of one value per column");
  }
}

void KMeansStep::keepFar(Far far) {
  if (farthest_.size() == centroids_.k) {
    if (!(far < *farthest_.rbegin())) return;
    if (!farthest_.insert(std::move(far)).second) return;
    farthest_.erase(std::prev(farthest_.end()));
    return;
  }
  farthest_.insert(std::move(far));
}

void KMeansStep::addRows(const double* rows, std::size_t n) {
  std::vector<double> x;
  detail::checkedRows(rows, n, d_, x);
  for (std::size_t i = 0; i < n; ++i) {
    const double* row = x.data() + i * d_;
    double distance = 0;
    const std::size_t c = detail::nearest(row, centroids_.values.data(), centroids_.k, d_, distance);
    ++counts_[c];
    for (std::size_t j = 0; j < d_; ++j) sums_[c * d_ + j].add(row[j]);
    inertia_.add(distance);
    // Only a row that can enter the k farthest pays for a hash and a copy.
    if (farthest_.size() < centroids_.k || distance >= farthest_.rbegin()->distance) {
      keepFar(Far{distance, rowHash(row, d_), std::vector<double>(row, row + d_), c});
    }
  }
}

std::uint64_t KMeansStep::rows() const noexcept {
  std::uint64_t n = 0;
  for (auto c : counts_) n += c;
  return n;
}

std::string KMeansStep::partialText() const {
  nlohmann::ordered_json out = partialHead();
  out["k"] = centroids_.k;
  out["iteration"] = centroids_.iteration;
  nlohmann::ordered_json centroids = nlohmann::ordered_json::array(), sums = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < centroids_.k; ++c) {
    centroids.push_back(std::vector<double>(centroids_.values.begin() + c * d_, centroids_.values.begin() + (c + 1) * d_));
    nlohmann::ordered_json cluster = nlohmann::ordered_json::array();
    for (std::size_t j = 0; j < d_; ++j) cluster.push_back(expansion(sums_[c * d_ + j]));
    sums.push_back(std::move(cluster));
  }
  out["centroids"] = std::move(centroids);
  out["counts"] = counts_;
  out["sums"] = std::move(sums);
  out["inertia"] = expansion(inertia_);
  nlohmann::ordered_json far = nlohmann::ordered_json::array();
  for (const Far& f : farthest_) far.push_back({{"distance", f.distance}, {"cluster", f.cluster}, {"row", f.row}});
  out["farthest"] = std::move(far);
  return out.dump();
}

void KMeansStep::mergePartial(const std::string& text) {
  Admitted admitted = admit(text);
  const nlohmann::json& part = admitted.part;
  const std::size_t k = centroids_.k;
  if (countMember(part, "k") != k) throw Error(ErrorCode::Conflict, "/k", "the part has another number of clusters");
  if (countMember(part, "iteration") != centroids_.iteration) throw Error(ErrorCode::Conflict, "/iteration", "the part is of another iteration");
  if (detail::rowsMember(part, "centroids", k, d_) != centroids_.values) {
    throw Error(ErrorCode::Conflict, "/centroids", "the part was assigned to other centroids: parts of one step share one centroids file");
  }
  const auto counts = part.find("counts");
  if (counts == part.end() || !counts->is_array() || counts->size() != k) throw Error(ErrorCode::Schema, "/counts", "expected one count per cluster");
  std::vector<std::uint64_t> addCounts(k);
  for (std::size_t c = 0; c < k; ++c) {
    if (!(*counts)[c].is_number_unsigned()) throw Error(ErrorCode::Schema, pointerAppend("/counts", c), "expected a whole count");
    addCounts[c] = (*counts)[c].get<std::uint64_t>();
  }
  const auto sums = part.find("sums");
  if (sums == part.end() || !sums->is_array() || sums->size() != k) throw Error(ErrorCode::Schema, "/sums", "expected one row of sums per cluster");
  std::vector<ExactSum> addSums;
  for (std::size_t c = 0; c < k; ++c) {
    const std::string at = pointerAppend("/sums", c);
    if (!(*sums)[c].is_array() || (*sums)[c].size() != d_) throw Error(ErrorCode::Schema, at, "expected one sum per column");
    for (std::size_t j = 0; j < d_; ++j) addSums.push_back(expansionAt((*sums)[c][j], pointerAppend(at, j)));
  }
  const auto inertia = part.find("inertia");
  const ExactSum addInertia = expansionAt(inertia == part.end() ? nlohmann::json() : *inertia, "/inertia");
  const auto farthest = part.find("farthest");
  if (farthest == part.end() || !farthest->is_array() || farthest->size() > k) throw Error(ErrorCode::Schema, "/farthest", "expected at most k rows");
  std::vector<Far> addFar;
  for (std::size_t i = 0; i < farthest->size(); ++i) {
    const std::string at = pointerAppend("/farthest", i);
    const auto& f = (*farthest)[i];
    if (!f.is_object() || !f.contains("distance") || !f["distance"].is_number() || !(f["distance"].get<double>() >= 0)) {
      throw Error(ErrorCode::Schema, at + "/distance", "expected a squared distance");
    }
    const std::uint64_t cluster = countMember(f, "cluster", at);
    if (cluster >= k || addCounts[cluster] == 0) throw Error(ErrorCode::Schema, at + "/cluster", "not a cluster with rows in this part");
    auto row = detail::rowAt(f.contains("row") ? f["row"] : nlohmann::json(), d_, at + "/row");
    const std::uint64_t hash = rowHash(row.data(), d_);
    addFar.push_back(Far{f["distance"].get<double>(), hash, std::move(row), static_cast<std::size_t>(cluster)});
  }
  commit(admitted);
  for (std::size_t c = 0; c < k; ++c) counts_[c] += addCounts[c];
  for (std::size_t i = 0; i < addSums.size(); ++i) sums_[i].merge(addSums[i]);
  inertia_.merge(addInertia);
  for (Far& f : addFar) keepFar(std::move(f));
}

nlohmann::ordered_json KMeansStep::next(double tolerance) const {
  const std::size_t k = centroids_.k;
  if (rows() < k) throw Error(ErrorCode::Range, "/k", "k must be from 1 to the number of rows (" + std::to_string(rows()) + ")");
  std::vector<double> next(k * d_);
  std::vector<std::uint64_t> remaining = counts_;
  std::vector<const Far*> candidates;
  for (const Far& f : farthest_) candidates.push_back(&f);
  std::size_t reseeded = 0;
  for (std::size_t c = 0; c < k; ++c) {
    double* center = next.data() + c * d_;
    if (counts_[c]) {
      for (std::size_t j = 0; j < d_; ++j) center[j] = sums_[c * d_ + j].value() / static_cast<double>(counts_[c]);
      continue;
    }
    // An empty cluster takes the farthest row whose cluster keeps another, as one-process k-means does.
    auto pick = std::find_if(candidates.begin(), candidates.end(), [&](const Far* f) { return f && remaining[f->cluster] >= 2; });
    if (pick == candidates.end()) pick = std::find_if(candidates.begin(), candidates.end(), [](const Far* f) { return f != nullptr; });
    std::copy((*pick)->row.begin(), (*pick)->row.end(), center);
    --remaining[(*pick)->cluster];
    *pick = nullptr;
    ++reseeded;
  }
  double moved = 0;
  for (std::size_t c = 0; c < k; ++c) {
    moved = std::max(moved, segments::detail::squaredDistance(next.data() + c * d_, centroids_.values.data() + c * d_, d_));
  }
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["format"] = kKMeansCentroidsFormat;
  doc["version"] = kKMeansPartialVersion;
  doc["columns"] = centroids_.columns;
  doc["k"] = k;
  doc["iteration"] = centroids_.iteration + 1;
  nlohmann::ordered_json centroids = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < k; ++c) centroids.push_back(std::vector<double>(next.begin() + c * d_, next.begin() + (c + 1) * d_));
  doc["centroids"] = std::move(centroids);
  doc["sizes"] = counts_;
  doc["inertia"] = inertia_.value();
  doc["moved"] = moved;
  doc["reseeded"] = reseeded;
  doc["converged"] = reseeded == 0 && moved <= tolerance;
  return doc;
}

}  // namespace selfcrm::aggregates
