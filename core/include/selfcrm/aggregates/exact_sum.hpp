#pragma once
/// @file
/// An exact sum of doubles: the result does not depend on the order of the terms or on how they
/// were split between machines, so a merged mean equals a single run's mean bit for bit.
///
/// The running value is a Shewchuk expansion (non-overlapping partials whose exact sum is the sum
/// of every term, as in Python's math.fsum); value() rounds it correctly, once. canonical() is the
/// greedy expansion of the same exact number (each term the correctly rounded rest), so two sums of
/// the same terms in any grouping serialise to the same bytes.

#include <cstdint>
#include <vector>

namespace selfcrm::aggregates {

class ExactSum {
 public:
  /// Adds one finite term; throws Error(E_RANGE) for NaN or ±infinity.
  void add(double x);
  /// Adds x·count exactly (Dekker's product: no fused multiply-add needed, so native = wasm).
  void addTimes(double x, std::uint64_t count);
  void merge(const ExactSum& other);
  /// The sum rounded to nearest, ties to even. Throws E_RANGE when it overflows a double.
  double value() const;
  /// The canonical expansion of the exact sum, largest term first; empty for zero.
  std::vector<double> canonical() const;
  /// A sum from a canonical() (or any) expansion; throws E_RANGE for a non-finite term.
  static ExactSum fromTerms(const std::vector<double>& terms);

 private:
  std::vector<double> partials_;  // increasing magnitude, non-overlapping
};

}  // namespace selfcrm::aggregates
