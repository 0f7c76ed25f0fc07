#include "stable_order.hpp"

#include <algorithm>
#include <numeric>

namespace selfcrm::detail {

std::vector<std::size_t> stableOrder(std::size_t n, IndexLess less, const void* context) {
  std::size_t i = 1;
  while (i < n && !less(context, i, i - 1)) ++i;
  if (i >= n) return {};
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return less(context, a, b); });
  return order;
}

}  // namespace selfcrm::detail
