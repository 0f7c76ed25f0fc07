// Short reviews through the batch analysis (what analyzeTexts does in the engine). The texts are
// generated, since the wasm bench reads no files, from words chosen so that every rule fires:
// lexicon words, negators, boosters, contrast, idioms, caps, emoticons, emoji, punctuation.
#include <cstdint>
#include <string>
#include <vector>

#include "bench.hpp"
#include "selfcrm/text/analysis.hpp"

namespace {
std::string bytes;
std::vector<std::uint32_t> offsets;
std::vector<double> compound;
std::vector<std::uint8_t> label;
std::vector<std::uint32_t> cues;
const selfcrm::text::Lexicon lexicon;

std::size_t makeTexts() {
  const char* words[] = {"the", "food", "was", "not", "very", "good", "but", "service", "is", "terrible", "I",
                         "don't", "like", "it", "at", "all", "great", "place", "would", "recommend", "this",
                         "phone", "kind", "of", "slow", "GREAT", "never", "again", "can't", "wait", "love",
                         "movie", "acting", "bad", "and", "plot", "boring", "excellent", "value", "money"};
  const char* marks[] = {" ", " ", " ", " ", " ", ", ", ". ", "! ", "? ", " :) ", " \xF0\x9F\x98\x8D "};
  const std::size_t n = 30000;  // ~30 ms a pass: shorter runs were at the mercy of the shared machine
  std::uint64_t state = 0x9E3779B97F4A7C15u;
  auto next = [&] {  // SplitMix64: the same texts on every platform
    std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  };
  bytes.clear();
  offsets.assign(1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t length = 6 + next() % 14;
    for (std::size_t k = 0; k < length; ++k) {
      bytes += words[next() % (sizeof words / sizeof *words)];
      bytes += marks[next() % (sizeof marks / sizeof *marks)];
    }
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
  compound.resize(n);
  label.resize(n);
  cues.resize(n);
  return n;
}

selfcrm::bench::Register analyzeBatch({
    "text-analyze-batch", "texts", makeTexts, [] {
      selfcrm::text::analyzeBatch(bytes, offsets.data(), compound.size(), lexicon, compound.data(), label.data(),
                                  cues.data());
      double sum = 0;
      for (std::size_t i = 0; i < compound.size(); ++i) sum += compound[i] + label[i] + cues[i];
      return sum;
    }});
}  // namespace
