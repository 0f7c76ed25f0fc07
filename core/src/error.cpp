#include "selfcrm/error.hpp"

namespace selfcrm {

const char* codeName(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::Parse: return "E_PARSE";
    case ErrorCode::Schema: return "E_SCHEMA";
    case ErrorCode::Range: return "E_RANGE";
    case ErrorCode::Empty: return "E_EMPTY";
    case ErrorCode::Version: return "E_VERSION";
    case ErrorCode::Conflict: return "E_CONFLICT";
    case ErrorCode::NotFound: return "E_NOT_FOUND";
    case ErrorCode::Convergence: return "E_CONVERGENCE";
    case ErrorCode::Memory: return "E_MEMORY";
    case ErrorCode::Internal: return "E_INTERNAL";
  }
  return "E_INTERNAL";
}

std::string pointerAppend(const std::string& pointer, const std::string& token) {
  std::string out = pointer;
  out.reserve(pointer.size() + token.size() + 1);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

std::string pointerAppend(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

}  // namespace selfcrm
