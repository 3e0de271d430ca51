using MtaLint.Model;

namespace MtaLint.Rules.Smtp;

/// <summary>MTA301: the VRFY command is answered, so anyone can test which addresses exist.</summary>
internal sealed class Mta301VrfyEnabled : CommandRule
{
    public override string Id => "MTA301";

    protected override string Command => "VRFY";

    protected override string Why => "anyone can test which addresses exist, which spammers use to harvest them";

    protected override CommandPolicy PolicyOf(Service service) => service.Vrfy;
}
