using MtaLint.Syntax.Postfix;

namespace MtaLint.Model.Postfix;

/// <summary>What <see cref="PostfixStartupChecks"/> judges: the programs Postfix starts for this configuration.</summary>
internal static class PostfixProcesses
{
    /// <summary>
    /// The programs this configuration has Postfix start: master.cf's entries (each with its <c>-o</c>
    /// overrides), else the stock master.cf's, which all see main.cf as it is.
    /// </summary>
    public static List<PostfixProcess> Of(MasterCfDocument? master, PostfixScopes scopes)
    {
        if (master is null)
        {
            return PostfixDefaults.Instance.StockServices
                .Select(s => new PostfixProcess(s.Name + "/" + s.Type, s.Command, scopes.Main, ProcessLabel(s.Name, s.Type, s.Command), s.Command == "smtpd"))
                .ToList();
        }

        var passLabels = master.Entries
            .Where(e => e.Type == "inet" && e.CommandName == "postscreen")
            .Select(e => ProcessLabel(e.ServiceName, e.Type, e.CommandName) + " behind postscreen")
            .ToList();
        var pass = scopes.ListenerEntries().FirstOrDefault(e => e.Type == "pass");
        return master.Entries
            .Select(e => new PostfixProcess(e.NameSpace, e.CommandName, scopes.Of(e),
                ReferenceEquals(e, pass) && passLabels.Count > 0 ? string.Join(", ", passLabels) : ProcessLabel(e.ServiceName, e.Type, e.CommandName),
                e.CommandName == "smtpd"))
            .ToList();
    }

    /// <summary><c>port 25 (smtp)</c> for a listener, else <c>the relay service (smtp)</c>.</summary>
    private static string ProcessLabel(string service, string type, string program)
    {
        if (type == "inet" && PostfixListenAddress.Parse(service).Port is { } port)
        {
            return $"port {port} ({service})";
        }

        return $"the {service} service ({program})";
    }
}
