#pragma once
// Stable sorting for the cold paths (vault load, import and merge, pack loading). std::stable_sort
// instantiated for each record type put ~6 KB of wasm per type into the download (issue #10); here
// one sort of indices serves every type, and input already in order (a vault written by this
// library) is only checked, not sorted.
#include <cstddef>
#include <utility>
#include <vector>

namespace selfcrm::detail {

using IndexLess = bool (*)(const void* context, std::size_t a, std::size_t b);

/// The stable sorted order of `n` items compared by `less`; empty when they are already in order.
std::vector<std::size_t> stableOrder(std::size_t n, IndexLess less, const void* context);

/// Moves items into `order` (from stableOrder); an empty order leaves them as they are.
template <class T>
void applyOrder(std::vector<T>& items, const std::vector<std::size_t>& order) {
  if (order.empty()) return;
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (std::size_t i : order) sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

/// std::stable_sort(items, less), with the items untouched if `less` throws.
template <class T, class Less>
void stableSort(std::vector<T>& items, const Less& less) {
  struct Context {
    const std::vector<T>& items;
    const Less& less;
  } context{items, less};
  const IndexLess byIndex = [](const void* c, std::size_t a, std::size_t b) {
    const auto& ctx = *static_cast<const Context*>(c);
    return static_cast<bool>(ctx.less(ctx.items[a], ctx.items[b]));
  };
  applyOrder(items, stableOrder(items.size(), byIndex, &context));
}

}  // namespace selfcrm::detail
