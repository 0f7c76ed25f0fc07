// Customer rows for `selfcrm rank` and `selfcrm export support`: any bytes must give rows and
// rejects, never an escaping exception; every non-blank line is read or rejected; the output is
// never more than the budget, and ranked best first.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "selfcrm/conversations/conversation_plan.hpp"
#include "selfcrm/conversations/support_queue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t nonBlank = 0;
  selfcrm::forEachLine(text, 1, [&](std::size_t, std::string_view) { ++nonBlank; });
  selfcrm::conversations::ConversationPlan plan(3);
  const auto rejects = plan.addNdjson(text, 1);
  if (plan.customers() + rejects.size() != nonBlank) std::abort();
  const auto summary = plan.summary();
  if (summary["picked"].get<std::size_t>() > 3) std::abort();
  if (summary["pickedValue"].get<double>() > summary["totalValue"].get<double>() + 1e-6) std::abort();
  (void)plan.ndjson();
  selfcrm::conversations::SupportQueue queue(0);
  const auto queueRejects = queue.addNdjson(text, 1);
  if (queue.customers() + queueRejects.size() != nonBlank) std::abort();
  (void)queue.ndjson();
  return 0;
}
