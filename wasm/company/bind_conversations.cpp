// Company side: the conversation plan (`selfcrm rank`) and the support queue (`selfcrm export
// support`) over customer rows, fed in NDJSON chunks; results as envelopes, never a throw into JS.
// In the company module (see bind_fit.cpp): a customer's page never ranks a population.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "../heap.hpp"
#include "../live_objects.hpp"
#include "selfcrm/conversations/conversation_plan.hpp"
#include "selfcrm/conversations/support_queue.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/detail/json_tape.hpp"

namespace selfcrm::wasm {
namespace {

conversations::ConversationParams paramsOf(const std::string& json) {
  if (json.empty()) return {};
  return conversations::conversationParamsFromJson(parseJson(json, "the conversation parameters"));
}

/// `T` is ConversationPlan or SupportQueue: started once with a budget and the parameters' JSON.
template <class T>
class RankedStream : Counted {
 public:
  std::string start(double budget, const std::string& params) {
    return guarded([&] {
      // A size_t is 32 bits in wasm32: the bound keeps the conversion defined.
      constexpr double most = static_cast<double>(std::numeric_limits<std::uint32_t>::max());
      if (!(budget >= 0 && budget <= most) || budget != std::floor(budget)) {
        throw Error(ErrorCode::Range, "/budget", "the budget is a whole number from 0 to 4294967295 (0: no limit)");
      }
      stream_ = std::make_unique<T>(static_cast<std::size_t>(budget), paramsOf(params));
      return nullptr;
    });
  }
  std::string addNdjson(std::uintptr_t text, std::size_t bytes, std::size_t firstLine) {
    return guarded([&] {
      T& stream = started();
      const std::size_t before = stream.customers();
      auto rejects = stream.addNdjson(heapText(text, bytes), firstLine);
      return nlohmann::json{{"results", stream.customers() - before}, {"rejects", std::move(rejects)}};
    });
  }
  std::string output() const {
    return guardedLines([&] { return started().output(); });
  }

 private:
  T& started() const {
    if (!stream_) throw Error(ErrorCode::Conflict, "", "start() was not called");
    return *stream_;
  }
  std::unique_ptr<T> stream_;
};

using ConversationPlanStream = RankedStream<conversations::ConversationPlan>;
using SupportQueueStream = RankedStream<conversations::SupportQueue>;

}  // namespace
}  // namespace selfcrm::wasm

EMSCRIPTEN_BINDINGS(selfcrm_conversations) {
  using namespace selfcrm::wasm;
  emscripten::class_<ConversationPlanStream>("ConversationPlanStream")
      .constructor<>()
      .function("start", &ConversationPlanStream::start)
      .function("addNdjson", &ConversationPlanStream::addNdjson)
      .function("output", &ConversationPlanStream::output);
  emscripten::class_<SupportQueueStream>("SupportQueueStream")
      .constructor<>()
      .function("start", &SupportQueueStream::start)
      .function("addNdjson", &SupportQueueStream::addNdjson)
      .function("output", &SupportQueueStream::output);
}
