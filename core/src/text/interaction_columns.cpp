#include "selfcrm/text/interaction_columns.hpp"

#include <cmath>
#include <string>

#include "selfcrm/error.hpp"
#include "selfcrm/text/analysis.hpp"

namespace selfcrm::text {
namespace {

const char* const kFieldNames[kInteractionFields] = {"at", "direction", "public", "participants",
                                                     "thread", "replyExpected", "replyReceived"};

[[noreturn]] void bad(std::size_t i, std::size_t field, const char* why) {
  throw Error(ErrorCode::Range, pointerAppend(pointerAppend("", i), kFieldNames[field]), why);
}

bool flag(const double* row, std::size_t i, std::size_t field) {
  const double v = row[field];
  if (v != 0 && v != 1) bad(i, field, "must be 0 or 1");
  return v == 1;
}

}  // namespace

std::vector<Interaction> interactionsFromColumns(std::string_view texts, const std::uint32_t* offsets,
                                                 const double* fields, std::size_t count) {
  std::vector<Interaction> out;
  if (count == 0) return out;
  for (std::size_t i = 0; i <= count; ++i) {
    if (offsets[i] > texts.size() || (i > 0 && offsets[i] < offsets[i - 1])) {
      throw Error(ErrorCode::Range, pointerAppend("/offsets", i), "offsets must rise within the text buffer");
    }
  }
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const double* row = fields + i * kInteractionFields;
    Interaction r;
    r.id = std::to_string(i);
    const double at = row[FieldAt];
    if (!std::isfinite(at) || std::abs(at) > 9.2e15) bad(i, FieldAt, "must be a finite number of seconds");
    r.at = static_cast<Timestamp>(at);
    r.direction = flag(row, i, FieldDirection) ? Direction::BusinessToCustomer : Direction::CustomerToBusiness;
    r.isPublic = flag(row, i, FieldPublic);
    const double participants = row[FieldParticipants];
    if (!(participants >= 1 && participants <= 1e9) || participants != std::floor(participants)) {
      bad(i, FieldParticipants, "must be an integer of at least 1");
    }
    r.participants = static_cast<std::int64_t>(participants);
    const double thread = row[FieldThread];
    if (!(thread >= -1 && thread <= 4e9) || thread != std::floor(thread)) bad(i, FieldThread, "must be −1 or a thread number");
    if (thread >= 0) r.threadId = "t" + std::to_string(static_cast<std::int64_t>(thread));
    r.replyExpected = flag(row, i, FieldReplyExpected);
    r.replyReceived = flag(row, i, FieldReplyReceived);
    if (offsets[i + 1] - offsets[i] > kMaxTextBytes) {
      throw Error(ErrorCode::Range, pointerAppend(pointerAppend("", i), "text"),
                  "a text is at most " + std::to_string(kMaxTextBytes) + " bytes of UTF-8");
    }
    r.text = std::string(texts.substr(offsets[i], offsets[i + 1] - offsets[i]));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace selfcrm::text
