using MtaLint.Rules.Banners;
using MtaLint.Rules.Settings;
using MtaLint.Rules.Smtp;
using MtaLint.Rules.Tls;

namespace MtaLint.Rules;

/// <summary>The rules that judge a configuration (MTA1xx–MTA3xx).</summary>
internal static class ConfigRules
{
    public static IEnumerable<IRule> Create() =>
    [
        new Mta101BannerVersion(),
        new Mta102BannerOs(),
        new Mta103BannerSoftware(),
        new Mta104BannerEsmtp(),
        new Mta105BannerHostname(),
        new Mta106BannerLength(),
        new Mta107BannerPersonal(),
        new Mta108BannerDuplicateEsmtp(),
        new Mta109BannerTimestamp(),
        new Mta201TlsServerOff(),
        new Mta202TlsDeprecated(),
        new Mta203TlsMandatoryOnMx(),
        new Mta204TlsNoCertificate(),
        new Mta205TlsLegacyProtocols(),
        new Mta206TlsClientOff(),
        new Mta207AuthWithoutTls(),
        new Mta208TlsWrapperMissing(),
        new Mta301VrfyEnabled(),
        new Mta302ExpnEnabled(),
        new Mta303OpenRelay(),
        new Mta304UnknownSetting(),
        new Mta305DuplicateSetting(),
        new Mta306UndefinedReference(),
        new Mta307ConfigRefused(),
        new Mta308McStrayText(),
    ];
}
