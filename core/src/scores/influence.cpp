#include "selfcrm/scores/influence.hpp"

#include <algorithm>
#include <map>

#include "selfcrm/error.hpp"
#include "selfcrm/detail/json_text.hpp"
#include "selfcrm/math/portable.hpp"

namespace selfcrm::scores {

Influence influence(const Profile& p, Timestamp asOf, const InfluenceSettings& s) {
  std::map<std::string, std::size_t> latest;  // network → index of its latest observation
  const auto& reach = p.history.reach;
  for (std::size_t i = 0; i < reach.size(); ++i) {
    const auto& o = reach[i];
    const auto path = [i](const char* field) { return pointerAppend(pointerAppend("/history/reach", i), field); };
    if (o.at > asOf) throw Error(ErrorCode::Range, path("at"), "reach observed after asOf");
    const std::pair<const char*, std::int64_t> counts[] = {
        {"followers", o.followers}, {"posts", o.posts}, {"reshares", o.reshares}, {"mentions", o.mentions}};
    for (const auto& [name, v] : counts) {
      if (v < 0) throw Error(ErrorCode::Range, path(name), std::string(name) + " must be >= 0");
    }
    auto it = latest.find(o.network);
    if (it == latest.end() || reach[it->second].at <= o.at) latest[o.network] = i;
  }
  Influence out;
  double responses = 0, posts = 0, exposure = 0;
  // Written as text, keys in sorted order (see JsonWriter); networks in std::map's order.
  std::string networks;
  JsonWriter each(networks);
  for (const auto& [network, i] : latest) {
    const auto& o = reach[i];
    NetworkInfluence n{network, static_cast<double>(o.followers), 0, 0};
    const double r = static_cast<double>(o.reshares + o.mentions);
    const double k = static_cast<double>(o.posts);
    if (k > 0) n.amplification = r / k;
    if (k > 0 && n.followers > 0) n.engagementRate = r / (k * n.followers);
    out.reach += n.followers;
    responses += r;
    posts += k;
    exposure += k * n.followers;
    each.open().key("amplification").value(n.amplification).key("engagementRate").value(n.engagementRate);
    each.key("followers").value(n.followers).key("network").value(network).key("observedAt").value(formatIsoTime(o.at)).close();
    out.networks.push_back(n);
  }
  if (posts > 0) out.amplification = responses / posts;
  if (exposure > 0) out.engagementRate = responses / exposure;
  const double reachPart = std::min(1.0, math::log(1.0 + out.reach) / math::log(1.0 + s.reachScale));
  const double ampPart = out.amplification / (out.amplification + s.amplificationHalf);
  const double engPart = out.engagementRate / (out.engagementRate + s.engagementHalf);
  out.value = 100.0 * (s.reachWeight * reachPart + s.amplificationWeight * ampPart + s.engagementWeight * engPart);
  JsonWriter w = out.explain.writer();
  w.open().key("contributions").open().key("amplification").value(100.0 * s.amplificationWeight * ampPart);
  w.key("engagement").value(100.0 * s.engagementWeight * engPart).key("reach").value(100.0 * s.reachWeight * reachPart).close();
  w.key("networks").openArray().raw(networks).closeArray();
  w.key("scale").value("0-100: weighted reach (log scale), amplification and engagement, each saturating").close();
  return out;
}

void to_json(nlohmann::json& out, const Influence& i) {
  out = {{"value", i.value},
         {"reach", i.reach},
         {"amplification", i.amplification},
         {"engagementRate", i.engagementRate},
         {"explain", i.explain}};
}

}  // namespace selfcrm::scores
