using MtaLint.Rules.Wire;

namespace MtaLint.Rules;

/// <summary>The rules that judge what a live server shows (MTA4xx).</summary>
internal static class WireRules
{
    public static IEnumerable<IRule> Create() =>
    [
        new Mta401GreetingMasked(),
        new Mta402StartTlsMangled(),
        new Mta403StartTlsRefused(),
        new Mta404StartTlsMissing(),
        new Mta405TlsHandshakeFailed(),
        new Mta406CertificateExpired(),
        new Mta407CertificateNameMismatch(),
        new Mta408CertificateUntrusted(),
        new Mta409TlsLegacyProtocol(),
        new Mta410GreetingHostnameMismatch(),
        new Mta411EhloRefused(),
        new Mta412ProbeFailed(),
        new Mta420CompareStartTls(),
        new Mta421CompareBanner(),
    ];
}
