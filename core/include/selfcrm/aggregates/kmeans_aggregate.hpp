#pragma once
/// @file
/// k-means over an input split between machines (issue 21), with a result that does not depend on
/// the split, the order of the parts or the grouping of the merges:
/// 1. KMeansSample, the start: a bottom-m sketch, the m distinct rows with the smallest 64-bit hash
///    of their bytes. It is exact and mergeable (any split keeps the same rows), and a hash sample
///    is a uniform one. k-means (k-means++ with the seed, then Lloyd) on the merged sample gives
///    the initial centroids.
/// 2. KMeansStep, one Lloyd step against given centroids: per cluster the row count, the exact
///    sum of each feature (ExactSum) and the exact sum of squared distances, plus the k rows
///    farthest from their centre (an empty cluster takes one). Merged, they give the next
///    centroids bit for bit, as a centroids document the next step reads.
/// 3. assignToCentroids: the final assignment is per row, so a per-line filter.
/// kmeansBySample runs the same steps in one process: its centroids are the distributed ones.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "selfcrm/aggregates/exact_sum.hpp"
#include "selfcrm/aggregates/partial_header.hpp"

namespace selfcrm::aggregates {

inline constexpr const char* kKMeansSampleFormat = "selfcrm.kmeans.sample.partial";
inline constexpr const char* kKMeansStepFormat = "selfcrm.kmeans.step.partial";
inline constexpr const char* kKMeansCentroidsFormat = "selfcrm.kmeans.centroids";
inline constexpr int kKMeansPartialVersion = 1;
inline constexpr std::size_t kDefaultKMeansSample = 10000;

/// The 64-bit hash of a row's bytes (IEEE-754 bits, −0 read as +0): FNV-1a, then a 64-bit mixer.
std::uint64_t rowHash(const double* row, std::size_t d) noexcept;

/// What a step reads: the centroids of one iteration.
struct KMeansCentroids {
  std::vector<std::string> columns;
  std::size_t k = 0;
  std::uint64_t iteration = 0;
  std::vector<double> values;  ///< k × columns.size(), row-major
};

/// Reads a centroids document (E_SCHEMA at the member, E_VERSION for a newer one).
KMeansCentroids parseCentroids(const std::string& text);

/// What both k-means partials share: the gate that admits parts of the same run, their columns and
/// the lines they counted.
class KMeansPart {
 public:
  void countLines(std::uint64_t lines, std::uint64_t rejected) noexcept {
    lines_ += lines;
    rejected_ += rejected;
  }
  std::uint64_t lines() const noexcept { return lines_; }
  std::uint64_t rejected() const noexcept { return rejected_; }

 protected:
  KMeansPart(PartialHeader header, const char* format, std::vector<std::string> columns);
  /// Parses a part, checks its header and columns against a copy of the gate (E_SCHEMA,
  /// E_VERSION, E_CONFLICT) and reads its line counts; nothing changes until commit().
  struct Admitted {
    nlohmann::json part;
    PartGate gate;
    std::uint64_t lines, rejected;
  };
  Admitted admit(const std::string& text) const;
  void commit(Admitted& admitted);
  /// The header, columns and line counts every partial starts with.
  nlohmann::ordered_json partialHead() const;

  PartGate gate_;
  std::vector<std::string> columns_;
  std::uint64_t lines_ = 0, rejected_ = 0;
};

class KMeansSample : public KMeansPart {
 public:
  /// `size` (m ≥ 1) and `columns` must be the same for every part (E_CONFLICT otherwise).
  KMeansSample(PartialHeader header, std::vector<std::string> columns, std::size_t size);

  /// Adds n rows of columns.size() features (E_RANGE at /row/column for a non-finite one).
  void addRows(const double* rows, std::size_t n);
  /// Merges one partialText(); nothing changes when it throws.
  void mergePartial(const std::string& text);
  std::string partialText() const;

  std::uint64_t rowsSeen() const noexcept { return seen_; }
  std::size_t sampled() const noexcept { return entries_.size(); }
  /// The centroids document of iteration 0: k-means++ with `seed`, then Lloyd, on the sample.
  /// E_RANGE when the sample holds fewer than k distinct rows.
  nlohmann::ordered_json initialCentroids(std::size_t k, std::uint64_t seed, std::size_t maxIterations,
                                          double tolerance) const;

 private:
  struct Entry {
    std::uint64_t hash;
    std::vector<double> row;
    bool operator<(const Entry& o) const { return hash != o.hash ? hash < o.hash : row < o.row; }
  };
  void insert(Entry entry);

  std::size_t size_;
  std::set<Entry> entries_;
  std::uint64_t seen_ = 0;
};

class KMeansStep : public KMeansPart {
 public:
  KMeansStep(PartialHeader header, KMeansCentroids centroids);

  /// Assigns n rows to their nearest centroid and adds them in (E_RANGE for a non-finite feature).
  void addRows(const double* rows, std::size_t n);
  /// Merges one partialText() of the same centroids (E_CONFLICT at /centroids, /columns or
  /// /iteration otherwise); nothing changes when it throws.
  void mergePartial(const std::string& text);
  std::string partialText() const;

  std::uint64_t rows() const noexcept;
  /// The next iteration's centroids document: {"format","version","columns","k","iteration",
  /// "centroids","sizes","inertia","moved","reseeded","converged"}. sizes and inertia are those of
  /// this step's assignment; converged when no cluster was reseeded and none moved by more than
  /// `tolerance` (squared distance). E_RANGE when there are fewer rows than clusters.
  nlohmann::ordered_json next(double tolerance) const;

 private:
  struct Far {
    double distance;
    std::uint64_t hash;
    std::vector<double> row;
    std::size_t cluster;
    /// Farthest first; ties by hash, then row (identical rows are interchangeable).
    bool operator<(const Far& o) const {
      if (distance != o.distance) return distance > o.distance;
      return hash != o.hash ? hash < o.hash : row < o.row;
    }
  };
  void keepFar(Far far);

  KMeansCentroids centroids_;
  std::size_t d_;
  std::vector<std::uint64_t> counts_;
  std::vector<ExactSum> sums_;  // k × d
  ExactSum inertia_;
  std::set<Far> farthest_;      // at most k
};

/// The nearest centroid of each row (the first on ties), as every step assigns.
std::vector<std::int32_t> assignToCentroids(const KMeansCentroids& centroids, const double* rows, std::size_t n);

struct KMeansBySample {
  nlohmann::ordered_json centroids;  ///< the last centroids document
  std::vector<std::int32_t> assignments;
};

/// The distributed algorithm in one process: sample, initial centroids, steps until converged or
/// maxIterations steps, then the assignment to the last centroids. Same input rows (in any
/// order), same bytes as the merges.
KMeansBySample kmeansBySample(const double* rows, std::size_t n, const std::vector<std::string>& columns, std::size_t k,
                              std::uint64_t seed, std::size_t sampleSize, std::size_t maxIterations, double tolerance);

}  // namespace selfcrm::aggregates
