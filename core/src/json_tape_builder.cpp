// TapeBuilder's checks and error paths, apart from the events the parser sends per value: the
// repeated-key refusal (#23) and the JSON Pointers its refusals name.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "json_tape_builder.hpp"

namespace selfcrm {

std::uint32_t TapeBuilder::repeatedKey() const {
  const auto& nodes = tape_.nodes_;
  const std::uint32_t object = open_.back();
  const std::uint32_t count = nodes[object].count;
  const auto name = [&](std::uint32_t key) {
    return std::string_view(tape_.text_ + nodes[key].text.offset, nodes[key].text.size);
  };
  if (count < 2) return 0;
  // Keys in document order: each value's subtree is closed, so its end leads to the next key.
  if (count <= 16) {  // most objects: a few short keys, compared pairwise without allocating
    // A key is compared only when it lands in a bin (its length and outer letters) that an
    // earlier key took: most objects' keys never share one. bench/core/tape_workload.cpp: the
    // check costs ~12 % of a profile line's parse this way, ~19 % comparing every pair.
    std::array<std::uint32_t, 16> keys;
    std::size_t n = 0;
    std::uint64_t bins = 0;
    for (std::uint32_t i = object + 1; i < nodes.size(); i = nodes[i + 1].end) {
      const JsonTape::Text& b = nodes[i].text;
      const char* bText = tape_.text_ + b.offset;
      const std::uint32_t mix = b.size == 0 ? 0 : b.size * 7u + static_cast<unsigned char>(bText[0]) * 3u + static_cast<unsigned char>(bText[b.size - 1]);
      const std::uint64_t bin = std::uint64_t{1} << (mix & 63);
      if (bins & bin) {
        for (std::size_t j = 0; j < n; ++j) {
          if (name(keys[j]) == name(i)) return i;
        }
      }
      bins |= bin;
      keys[n++] = i;
    }
    return 0;
  }
  // A wide object sorted by key, so it costs n log n; the first repeat in document order.
  std::vector<std::uint32_t> keys;
  keys.reserve(count);
  for (std::uint32_t i = object + 1; i < nodes.size(); i = nodes[i + 1].end) keys.push_back(i);
  std::stable_sort(keys.begin(), keys.end(), [&](std::uint32_t a, std::uint32_t b) { return name(a) < name(b); });
  std::uint32_t first = 0;
  for (std::size_t k = 1; k < keys.size(); ++k) {
    if (name(keys[k - 1]) == name(keys[k]) && (first == 0 || keys[k] < first)) first = keys[k];
  }
  return first;
}

std::string TapeBuilder::openPath(bool next) const {
  const auto& nodes = tape_.nodes_;
  const auto token = [&](std::uint32_t parent, std::uint32_t child, std::string& out) {
    if (nodes[parent].type == JsonTape::Type::Object) {
      const JsonTape::Text& key = nodes[child - 1].text;  // an open member follows its key
      out = pointerAppend(out, std::string(tape_.text_ + key.offset, key.size));
    } else {
      out = pointerAppend(out, std::size_t{nodes[parent].count} - 1);
    }
  };
  std::string out;
  for (std::size_t k = 1; k < open_.size(); ++k) token(open_[k - 1], open_[k], out);
  if (next && !open_.empty()) {
    const std::uint32_t parent = open_.back();
    if (nodes[parent].type == JsonTape::Type::Object) {
      const JsonTape::Text& key = nodes.back().text;  // the value being read follows its key
      out = pointerAppend(out, std::string(tape_.text_ + key.offset, key.size));
    } else {
      out = pointerAppend(out, std::size_t{nodes[parent].count});
    }
  }
  return out;
}

std::string TapeBuilder::keyPath(std::uint32_t keyNode) const {
  const JsonTape::Text& key = tape_.nodes_[keyNode].text;
  return pointerAppend(openPath(false), std::string(tape_.text_ + key.offset, key.size));
}

}  // namespace selfcrm
