using MtaLint.Model;

namespace MtaLint.Rules.Smtp;

/// <summary>MTA302: the EXPN command is answered, so anyone can list the members of aliases and mailing lists.</summary>
internal sealed class Mta302ExpnEnabled : CommandRule
{
    public override string Id => "MTA302";

    protected override string Command => "EXPN";

    protected override string Why => "anyone can list the members of aliases and mailing lists";

    protected override CommandPolicy PolicyOf(Service service) => service.Expn;
}
