using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules.Smtp;

/// <summary>
/// MTA303: anyone on the internet may relay mail through a listener. No fix: who may relay is a
/// decision about the network, and a wrong guess bounces legitimate mail.
/// </summary>
internal sealed class Mta303OpenRelay : IRule
{
    public string Id => "MTA303";

    public IEnumerable<Finding> Check(MtaConfig config)
    {
        var reported = new HashSet<(string?, TextSpan?, string)>();
        foreach (var service in config.Services.Where(s => !s.LocalOnly))
        {
            foreach (var finding in Check(config, service))
            {
                if (reported.Add((finding.File.Path, finding.Location?.Span, finding.Message)))
                {
                    yield return finding;
                }
            }
        }
    }

    private static IEnumerable<Finding> Check(MtaConfig config, Service service)
    {
        var relay = service.Relay;
        if (relay.PromiscuousBy is { } promiscuous)
        {
            yield return SettingFindings.At(config, promiscuous,
                $"{promiscuous.Name} lets anyone relay mail through this server (an open relay): it will be abused for spam and blocklisted within hours; remove it and list the networks that may relay",
                null);
        }

        foreach (var network in relay.TrustedNetworks.Where(n => n.Everyone))
        {
            yield return SettingFindings.At(config, network.Span,
                $"\"{network.Text}\" trusts every client on the internet to relay (an open relay): it will be abused for spam and blocklisted within hours; trust only your own networks",
                null);
        }

        if (!relay.RestrictsUnauthorizedDestinations)
        {
            var where = relay.RestrictionSetting is { } setting ? $"; refuse it in {setting.Name}" : string.Empty;
            yield return SettingFindings.At(config, relay.RestrictionSetting,
                $"nothing refuses mail for other domains from untrusted clients on {service.DisplayName} (an open relay): it will be abused for spam and blocklisted within hours{where}",
                null, relay.RestrictionSetting is { } s ? [SettingFindings.Describe(s)] : []);
        }
    }
}
