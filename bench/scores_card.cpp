// Throughput of scores::scoreProfile on generated profiles of ~50 history records each (the core of
// the future `selfcrm score`, without the vault's JSON parsing). Build and run from the repository
// root after scripts/build.sh:
//   native: g++ -O3 -std=c++17 -ffp-contract=off -Icore/include bench/scores_card.cpp \
//             build-native/core/libselfcrm_core.a -o /tmp/scores_card && /tmp/scores_card
//   wasm:   NODE_PATH=/usr/share/nodejs em++ -O3 -std=c++17 -ffp-contract=off -fwasm-exceptions -Icore/include \
//             -isystem build-wasm/header-shims/selfcrm_nlohmann bench/scores_card.cpp build-wasm/core/libselfcrm_core.a \
//             -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -o /tmp/scores_card.js && node --no-experimental-fetch /tmp/scores_card.js
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "selfcrm/math/random.hpp"
#include "selfcrm/scores/score_card.hpp"

using namespace selfcrm;

static std::vector<Profile> profiles(std::size_t n, Timestamp asOf) {
  math::Random rng(3);
  std::vector<Profile> out(n);
  for (auto& p : out) {
    auto when = [&] { return asOf - static_cast<Timestamp>(rng.uniform() * 700 * kSecondsPerDay); };
    for (int k = 0; k < 20; ++k) {
      Transaction t;  // draws in this order: when, then the amount
      t.id = "t", t.at = when(), t.amount = 10 + 90 * rng.uniform(), t.margin = 5, t.currency = "EUR";
      p.history.transactions.push_back(t);
    }
    for (int k = 0; k < 20; ++k) {
      Interaction i;
      i.at = when();
      i.channel = k % 3 ? "email" : "forum";
      p.history.interactions.push_back(i);
    }
    for (int k = 0; k < 4; ++k) {
      SurveyAnswer s;
      s.id = "s", s.at = when(), s.score = static_cast<int>(rng.uniform() * 11);
      p.history.surveys.push_back(s);
    }
    for (int k = 0; k < 3; ++k) {
      Referral f;
      f.id = "r", f.at = when(), f.referredCustomerId = "x", f.converted = rng.uniform() < 0.5, f.value = 40;
      p.history.referrals.push_back(f);
    }
    for (int k = 0; k < 3; ++k) {
      SocialReach s;
      s.network = k ? "twitter" : "forum", s.at = when(), s.followers = 500, s.posts = 20, s.reshares = 30;
      s.mentions = 4;
      p.history.reach.push_back(s);
    }
  }
  return out;
}

int main() {
  const Timestamp asOf = fromCivil(2025, 1, 1);
  scores::Model model = scores::Model::defaults();
  model.bgnbd = scores::BgNbdParams{0.243, 4.414, 0.793, 2.426};
  model.gammaGamma = scores::GammaGammaParams{6.25, 3.74, 15.44};
  const auto batch = profiles(20000, asOf);
  std::vector<double> times;
  double checksum = 0;
  for (int run = 0; run < 5; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& p : batch) {
      const scores::ScoreCard card = scores::scoreProfile(p, model, asOf);
      checksum += card.engagement.value + card.clv.bgnbd->value;
    }
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  std::printf("scoreProfile: 20,000 profiles of 50 records, median %.0f ms = %.0f profiles/s (checksum %.6g)\n",
              times[2] * 1000, 20000 / times[2], checksum);
  std::printf("  with JSON output (to_json + dump) for the first 2,000: ");
  const auto t0 = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < 2000; ++i) bytes += nlohmann::json(scores::scoreProfile(batch[i], model, asOf)).dump().size();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%.0f profiles/s (%zu bytes)\n", 2000 / s, bytes);
}
