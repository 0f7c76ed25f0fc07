#include "selfcrm/text/sentiment_ndjson.hpp"

#include <cstdint>
#include <new>
#include <string>

#include "js_json.hpp"
#include "selfcrm/detail/json_tape.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/error.hpp"
#include "selfcrm/text/analysis.hpp"

namespace selfcrm::text {
namespace js = ::selfcrm::detail;  // the host-compatible text helpers (js_json.hpp)

namespace {

constexpr const char* kRuleNames[] = {"negated", "intensified", "dampened", "caps",
                                      "beforeContrast", "afterContrast", "idiom", "custom"};
constexpr const char* kLabelNames[] = {"negative", "neutral", "positive"};  // SentimentLabel order

// The drivers as the explained analysis lists them (members in sorted order).
void appendDrivers(std::string& out, const std::vector<Driver>& drivers) {
  out += ",\"drivers\":[";
  for (std::size_t i = 0; i < drivers.size(); ++i) {
    const Driver& d = drivers[i];
    if (i > 0) out += ',';
    appendJsonInteger(out, std::uint64_t{d.length}, "{\"length\":");
    out += ",\"lexicon\":";
    js::appendJsNumber(out, d.lexicon);
    appendJsonInteger(out, std::uint64_t{d.offset}, ",\"offset\":");
    out += ",\"rules\":[";
    bool first = true;
    for (std::uint32_t b = 0; b < 8; ++b) {
      if ((d.rules & (1u << b)) == 0) continue;
      appendJsonString(out, kRuleNames[b], first ? "" : ",");
      first = false;
    }
    out += "]";
    appendJsonString(out, d.token, ",\"token\":");
    out += ",\"valence\":";
    js::appendJsNumber(out, d.valence);
    out += '}';
  }
  out += ']';
}

// One text's result line after its id.
void appendResult(std::string& out, std::string_view text, bool explain, const Lexicon& lexicon) {
  const std::uint32_t offsets[2] = {0, static_cast<std::uint32_t>(text.size())};
  double compound = 0;
  std::uint8_t label = 0;
  std::uint32_t cues = 0;
  analyzeBatch(text, offsets, 1, lexicon, &compound, &label, &cues);
  out += ",\"compound\":";
  js::appendJsNumber(out, compound);
  appendJsonString(out, kLabelNames[label], ",\"label\":");
  out += ",\"cues\":[";
  bool first = true;
  for (std::uint32_t b = 0; b < kCueCount; ++b) {
    if ((cues & (1u << b)) == 0) continue;
    appendJsonString(out, cueName(b), first ? "" : ",");
    first = false;
  }
  out += ']';
  if (explain) appendDrivers(out, explainBatch(text, offsets, 1, lexicon).front().sentiment.drivers);
  out += "}\n";
}

}  // namespace

NdjsonResult sentimentNdjson(std::string_view chunk, std::size_t firstLine, bool explain, const Lexicon& lexicon) {
  NdjsonResult out;
  if (chunk.substr(0, 3) == "\xEF\xBB\xBF") chunk.remove_prefix(3);  // as TextDecoder drops it
  JsonTape tape;
  std::string decoded;
  std::string line;
  std::size_t lineNo = firstLine;
  // As the host split its text on "\n": the piece after the last one is a (blank) line too.
  for (std::size_t start = 0; start <= chunk.size(); ++lineNo) {
    const std::size_t end = js::lineEnd(chunk, start);
    std::string_view raw = chunk.substr(start, end - start);
    start = end + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (js::replaceIllFormedUtf8(raw, decoded)) raw = decoded;
    if (js::jsTrimEnd(js::jsTrimStart(raw)).empty()) continue;
    const bool record = js::jsTrimStart(raw).substr(0, 1) == "{";
    try {
      std::string_view text = raw;
      line.clear();
      if (record) {
        tape.parseBorrowing(raw);
        const JsonView root = tape.root();
        JsonView value = root, id = root;
        if (!root.find("text", value) || !value.isString()) throw Error(ErrorCode::Schema, "/text", "text must be a string");
        text = value.string();
        if (root.find("id", id) && id.type() != JsonTape::Type::Null) {
          line += "{\"id\":";
          js::appendJsValue(line, id);
        }
      }
      if (text.size() > kMaxTextBytes) {
        throw Error(ErrorCode::Range, record ? "/text" : "",
                    "a text is at most " + std::to_string(kMaxTextBytes) + " bytes of UTF-8");
      }
      if (line.empty()) appendJsonInteger(line, std::uint64_t{lineNo}, "{\"id\":");
      try {
        appendResult(line, text, explain, lexicon);
      } catch (const std::bad_alloc&) {
        throw Error(ErrorCode::Memory, "", "out of memory");
      }
      out.ndjson += line;
      ++out.results;
    } catch (const Error& e) {
      out.rejects.push_back({lineNo, e.code(), e.path(), e.what()});
    }
  }
  return out;
}

}  // namespace selfcrm::text
