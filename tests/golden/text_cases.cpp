#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "golden.hpp"
#include "selfcrm/detail/envelope.hpp"
#include "selfcrm/text/analysis.hpp"
#include "selfcrm/text/degrees.hpp"
#include "selfcrm/text/sentiment_ndjson.hpp"

using namespace selfcrm;
using namespace selfcrm::text;

namespace {
// Each rule at least once, so every arithmetic path is compared native against wasm.
const std::vector<std::string> kTexts = {
    "Good case, Excellent value.",
    "The food was not bad, but the service was TERRIBLE!!!",
    "No problem at all :)",
    "I don't not like it",
    "I am dying to eat there \xF0\x9F\x98\x8D",
    "kind of slow, slightly annoying, very very good??",
    "Never again. I will cancel my account and switch to your competitor.",
    "How much is the premium plan? I told my friends about you.",
    "",
};

std::string longText() {
  std::string t;
  for (int i = 0; i < 40; ++i) t += i % 3 == 0 ? "awful service. " : "great food! ";
  return t;
}
}  // namespace

SELFCRM_GOLDEN("text/analyze-explained") {
  return guarded([] {
    Lexicon lexicon;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : kTexts) out.push_back(analysisJson(analyzeText(t, lexicon, true), t));
    return out;
  });
}

SELFCRM_GOLDEN("text/batch") {
  return guarded([] {
    Lexicon lexicon;
    lexicon.add({{"meh", -1.3}, {"yummy", 2.7}});
    std::vector<std::string> texts = kTexts;
    texts.push_back(longText());
    texts.push_back("meh, but yummy");
    std::string bytes;
    std::vector<std::uint32_t> offsets = {0};
    for (const auto& t : texts) {
      bytes += t;
      offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
    }
    std::vector<double> compound(texts.size());
    std::vector<std::uint8_t> label(texts.size());
    std::vector<std::uint32_t> cues(texts.size());
    analyzeBatch(bytes, offsets.data(), texts.size(), lexicon, compound.data(), label.data(), cues.data());
    return nlohmann::json{{"compound", compound}, {"label", label}, {"cues", cues}};
  });
}

SELFCRM_GOLDEN("text/degrees") {
  return guarded([] {
    auto make = [](Direction d, bool pub, std::int64_t n, std::string thread, bool expected, bool received,
                   std::string text, Timestamp at) {
      Interaction r;
      r.direction = d;
      r.isPublic = pub;
      r.participants = n;
      r.threadId = std::move(thread);
      r.replyExpected = expected;
      r.replyReceived = received;
      r.text = std::move(text);
      r.at = at;
      return r;
    };
    const auto In = Direction::CustomerToBusiness;
    const auto Out = Direction::BusinessToCustomer;
    std::vector<Interaction> rs = {
        make(In, false, 2, "", false, false, "Please update my address.", 1),
        make(In, false, 2, "", false, false, "Late again, so annoying.", 2),
        make(In, false, 2, "a", true, false, "Where is my refund?", 3),
        make(In, false, 2, "a", true, false, "Still waiting for my refund!", 4),
        make(In, true, 2, "b", true, true, "Does it fit the older model?", 5),
        make(In, true, 7, "c", false, false, "Agreed, the new menu is better.", 6),
        make(Out, true, 2, "", false, false, "Summer sale now on.", 7),
        make(Out, true, 40, "c", true, true, "Great ideas, everyone!", 8),
    };
    Lexicon lexicon;
    return classifyInteractions(rs, lexicon);
  });
}

// Every compound of the 3,000 review sentences: real text through every rule.
SELFCRM_GOLDEN("text/fixtures-3000") {
  return guarded([] {
    Lexicon lexicon;
    nlohmann::json out = nlohmann::json::object();
    for (const char* set : {"amazon", "imdb", "yelp"}) {
      std::ifstream in(std::string(SELFCRM_NODE_MODULES_DIR) + "/sentiment/test/fixtures/" + set + ".json");
      if (!in) throw Error(ErrorCode::NotFound, "", std::string("fixture missing: ") + set);
      const auto records = nlohmann::json::parse(in);
      std::vector<double> compound;
      for (const auto& r : records) {
        if (r["class"].is_null()) continue;
        compound.push_back(analyzeText(r["text"].get<std::string>(), lexicon).sentiment.compound);
      }
      out[set] = compound;
    }
    return out;
  });
}

// Emoji, emoticons and punctuation between negators, boosters and "but": the look-back that jumps
// over non-word tokens (issue 24) must score exactly as the walk it replaced, in both builds.
SELFCRM_GOLDEN("text/hostile-mix") {
  return guarded([] {
    static const char* const pieces[] = {"not ", "very ", "good ", "bad ", "but ", "\xF0\x9F\x98\x80 ", ":) ",
                                         ":( ", "- ", ", ", "kind of ", "\xF0\x9F\x98\xA1", "!! ", "never ",
                                         "\"", "slightly ", "however ", "? ", "great", " "};
    Lexicon lexicon;
    nlohmann::json out = nlohmann::json::array();
    std::uint32_t seed = 24;
    for (int t = 0; t < 300; ++t) {
      std::string text;
      const int n = 1 + t % 40;
      for (int k = 0; k < n; ++k) {
        seed = seed * 1664525u + 1013904223u;
        text += pieces[(seed >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
      }
      const auto a = analyzeText(text, lexicon, true);
      out.push_back({a.sentiment.compound, a.sentiment.drivers.size(), a.cues});
    }
    return out;
  });
}

// The `selfcrm sentiment` line batch: records and plain lines, ids of every JSON type written as
// JavaScript writes them, bad lines, ill-formed UTF-8 and a byte-order mark.
SELFCRM_GOLDEN("text/sentiment-ndjson") {
  std::string chunk = "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"No problem at all, thank you!\"}\nI want to cancel\r\n\n";
  chunk += "{\"text\":\"GREAT!!! but not bad?\",\"id\":{\"b\":1,\"10\":2,\"2\":[1e21,1e-7,0.1,-0,123456789012345678901]}}\n";
  chunk += "{\"text\":5}\n{\"text\":\"cut\n{\"id\":null,\"text\":\"very very good :) I told my friends\"}\n";
  chunk += "bad \xC3\x0A\xE2\x82\x41 \xF0\x9F\x98 kind of slow, slightly annoying \xED\xA0\x80\n";
  for (const auto& t : kTexts) chunk += "{\"id\":" + std::to_string(chunk.size() * 0.37) + ",\"text\":" + nlohmann::json(t).dump() + "}\n";
  std::string out;
  for (const bool explain : {false, true}) {
    out += guardedLines([&] {
      Lexicon lexicon;
      lexicon.add({{"meh", -1.3}, {"yummy", 2.7}});
      return sentimentNdjson(chunk + "meh, but yummy", 5, explain, lexicon);
    });
  }
  return out;
}
