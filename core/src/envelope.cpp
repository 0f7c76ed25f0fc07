#include "selfcrm/detail/envelope.hpp"

namespace selfcrm {

nlohmann::json errorJson(ErrorCode code, const std::string& path, const std::string& message) {
  return {{"code", codeName(code)}, {"path", path}, {"message", message}};
}

std::string okEnvelope(const nlohmann::json& value) {
  nlohmann::json env = {{"ok", true}, {"value", value}};
  // Replacement keeps invalid UTF-8 from user text from turning a result into an exception.
  return env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string okEnvelopeAround(std::string_view valueText) {
  constexpr std::string_view kOpen = R"({"ok":true,"value":)";
  std::string out;
  out.reserve(kOpen.size() + valueText.size() + 1);
  out += kOpen;
  out += valueText;
  out += '}';
  return out;
}

std::string errorEnvelope(ErrorCode code, const std::string& path, const std::string& message) {
  nlohmann::json env = {{"ok", false}, {"error", errorJson(code, path, message)}};
  return env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace selfcrm
