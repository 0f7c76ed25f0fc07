// Prints "name<TAB>envelope" for every registered case, sorted by name, so that two builds can be
// compared with a plain byte comparison.
#include <algorithm>
#include <cstdio>

#include "golden.hpp"

namespace selfcrm::golden {
std::vector<Case>& registry() {
  static std::vector<Case> cases;
  return cases;
}
}  // namespace selfcrm::golden

int main() {
  auto cases = selfcrm::golden::registry();
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& c : cases) {
    std::string out = c.run();
    std::printf("%s\t%s\n", c.name.c_str(), out.c_str());
  }
  return 0;
}
