#include "core/ops/module.hpp"
#include "core/config/config.hpp"

#include "core/ops/ops.hpp"
#include "core/ops/probe.hpp"

namespace ponte::ops {
namespace {

class OpsModule : public core::Module {
  public:
    std::string_view word() const override { return "ops"; }

    void AddOptions(CLI::App& serve) override {
        serve
            .add_option("--quick-exit-url", options_.quick_exit_url,
                        "Where the web app's quick exit goes: an ordinary site, such as local weather or news")
            ->envname("PONTE_QUICK_EXIT_URL")
            ->capture_default_str();
        serve
            .add_option("--metrics-token", options_.metrics_token,
                        "Bearer token that opens /metrics to scrapers on other machines (default: loopback only)")
            ->envname("PONTE_METRICS_TOKEN");
    }

    std::optional<std::string> CheckOptions() const override {
        if (!options_.metrics_token.empty() && options_.metrics_token.size() < 16) {
            return config::SettingName("--metrics-token", "PONTE_METRICS_TOKEN") + ": must be at least 16 characters";
        }
        if (!options_.quick_exit_url.starts_with("https://") && !options_.quick_exit_url.starts_with("http://")) {
            return config::SettingName("--quick-exit-url", "PONTE_QUICK_EXIT_URL") +
                   ": must start with https:// or http://";
        }
        return std::nullopt;
    }

    void Register(core::Registry& registry) const override {
        Options options = options_;
        options.demo = registry.deployment().demo;
        ops::Register(registry, options);
    }

  private:
    Options options_;
};

class ProbeModule : public core::Module {
  public:
    std::string_view word() const override { return "probe"; }
    void Register(core::Registry& registry) const override {
        if (registry.deployment().test_routes) RegisterProbe(registry);
    }
};

}  // namespace

std::unique_ptr<core::Module> MakeModule() { return std::make_unique<OpsModule>(); }
std::unique_ptr<core::Module> MakeProbeModule() { return std::make_unique<ProbeModule>(); }

}  // namespace ponte::ops
