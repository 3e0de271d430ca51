using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// One program master.cf starts (or, without a master.cf, one of the stock master.cf's), with the
/// parameters it sees and what its users lose when it exits.
/// </summary>
/// <param name="Service">The entry's name and type: <c>submission/inet</c>.</param>
/// <param name="Program">The command's name: <c>smtpd</c>, <c>qmgr</c>, <c>virtual</c>.</param>
/// <param name="Scope">Its parameters: main.cf under the entry's <c>-o</c> overrides.</param>
/// <param name="Label">What stops with it: <c>port 25 (smtp)</c>, <c>the virtual service</c>.</param>
/// <param name="Receives">It takes mail in (an SMTP server): what stops is "accepts no mail", not "does not run".</param>
internal sealed record PostfixProcess(string Service, string Program, PostfixScope Scope, string Label, bool Receives);

/// <summary>
/// The fatal start-up checks of Postfix's programs that the configuration alone decides, in the order
/// they run: the typed parameters every program reads (mail_params_init), those each program reads from
/// its own tables (<see cref="PostfixTypedParameters"/>), then smtpd's own checks (smtpd.c pre_jail_init,
/// smtpd_check_init). A value is judged when the config writes it (or writes what its default refers
/// to), so that Postfix's own defaults, such as the empty <c>virtual_mailbox_base</c> of a stock
/// master.cf's unused <c>virtual</c> service, are not reported.
/// </summary>
internal sealed partial class PostfixStartupChecks(PostfixScope main, IReadOnlyList<PostfixProcess> processes, bool hasMainCf)
{
    /// <summary>The program names of a failure that stops everything: mail_params_init runs in all of them, <c>postfix start</c> and master too.</summary>
    public const string EveryProgram = "every Postfix program";

    private static readonly string[] TempfailActions =
        ["unknown_helo_hostname_tempfail_action", "unknown_address_tempfail_action", "unverified_recipient_tempfail_action", "unverified_sender_tempfail_action"];

    private static readonly string[] ServerTlsLevels = ["none", "may", "encrypt", "fingerprint", "verify", "secure"];

    private static readonly string[] ClientTlsLevels = ["none", "may", "encrypt", "dane", "dane-only", "fingerprint", "verify", "secure"];

    private static readonly string[] BareNewlineValues = ["normalize", "yes", "reject", "no"];

    private readonly PostfixTypedParameters _typed = PostfixTypedParameters.Instance;
    private readonly List<(StartupFailure Failure, List<PostfixProcess> Stopped)> _found = [];

    public IReadOnlyList<StartupFailure> Find()
    {
        foreach (var (name, check, expected, mayRefuseLength) in EveryProgramChecks(main))
        {
            if (Judge(main, name, check, mayRefuseLength) is { } refusal)
            {
                _found.Add((new StartupFailure(EveryProgram, "fatal: " + refusal.Message, refusal.At, [],
                    "Postfix does not start (postfix start exits too)", expected), []));
            }
        }

        foreach (var process in processes)
        {
            // What every program reads, where this entry's -o makes it differ from main.cf (main.cf's own is reported above).
            foreach (var (name, check, expected, mayRefuseLength) in process.Scope.Entry is null ? [] : EveryProgramChecks(process.Scope))
            {
                if (Judge(process.Scope, name, check, mayRefuseLength) is { FromOverride: true } refusal)
                {
                    Add(process, "fatal: " + refusal.Message, refusal.At, expected);
                }
            }

            foreach (var parameter in _typed.OfProgram(process.Program))
            {
                if (Judge(process.Scope, parameter.Name, parameter.Refusal, parameter.MayRefuseLength) is { } refusal)
                {
                    Add(process, "fatal: " + refusal.Message, refusal.At, parameter.Expected);
                }
            }

            if (process.Program == "smtpd")
            {
                CheckSmtpd(process);
            }
            else if (process.Program is "smtp" or "lmtp")
            {
                CheckClient(process);
            }
        }

        return _found
            .Where(f => f.Failure.At is not null || hasMainCf) // without main.cf, its defaults are not the config's
            .Select(f => f.Stopped.Count == 0 ? f.Failure
                : f.Failure with { Services = f.Stopped.Select(p => p.Service).Distinct().ToArray(), Consequence = Consequence(f.Stopped) })
            .ToArray();
    }

    /// <summary>
    /// What mail_params_init checks in every program, in its order: the compatibility level's syntax, the typed
    /// parameters, then the host and domain names (valid_hostname), each with what to write instead.
    /// </summary>
    private IEnumerable<(string Name, Func<string, string?> Refusal, string Expected, Func<int, bool>? MayRefuseLength)> EveryProgramChecks(PostfixScope scope)
    {
        yield return ("compatibility_level", v => CompatibilityLevel().IsMatch(v) ? null : $"malformed compatibility level syntax: \"{v}\"",
            "write a level such as 3.6 (major[.minor[.patch]], nothing after it)", null);
        foreach (var parameter in _typed.EveryProgram)
        {
            yield return (parameter.Name, parameter.Refusal, parameter.Expected, parameter.MayRefuseLength);
        }

        // An empty name is the typed check's (a string that must not be empty); valid_hostname judges the rest.
        var mainCf = scope.Expanded("config_directory").TrimEnd('/') + "/main.cf";
        foreach (var name in new[] { "myhostname", "mydomain" })
        {
            yield return (name, v => v.Length == 0 || IsValidHostname(v) ? null : $"file {mainCf}: parameter {name}: bad parameter value: {v}",
                "write a host name: labels of letters, digits, - and _ (up to 63), separated by dots, not all digits", null);
        }
    }

    /// <summary>
    /// valid_hostname (util/valid_hostname.c): labels of letters, digits and <c>_</c>, with <c>-</c> inside, of at most 63
    /// characters, joined by single dots; not numeric only; at most 255 characters.
    /// </summary>
    public static bool IsValidHostname(string name)
    {
        if (name.Length == 0 || name.Length > 255)
        {
            return false;
        }

        var labelLength = 0;
        var nonNumeric = false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var next = i + 1 < name.Length ? name[i + 1] : '\0';
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                if (++labelLength > 63)
                {
                    return false;
                }

                nonNumeric |= !char.IsAsciiDigit(c);
            }
            else if (c == '.')
            {
                if (labelLength == 0 || next == '\0')
                {
                    return false;
                }

                labelLength = 0;
            }
            else if (c == '-')
            {
                nonNumeric = true;
                if (++labelLength == 1 || next is '\0' or '.')
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return nonNumeric;
    }

    /// <summary>compat_level_from_string: major[.minor[.patch]], each read by strtol (blanks and a + before it), nothing after.</summary>
    [GeneratedRegex(@"^\s*\+?[0-9]+(\.\s*\+?[0-9]+(\.\s*\+?[0-9]+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CompatibilityLevel();

    /// <summary>smtpd's checks before it serves anyone, in its order: pre_jail_init, then smtpd_check_init.</summary>
    private void CheckSmtpd(PostfixProcess process)
    {
        var scope = process.Scope;
        if (Judge(scope, "smtpd_forbid_bare_newline", v => OneOf(v, BareNewlineValues) ? null : $"bad parameter value: 'smtpd_forbid_bare_newline = {v}'") is { } bareNewline)
        {
            Add(process, "fatal: " + bareNewline.Message, bareNewline.At, "write normalize, reject or no");
        }

        var restrictions = new PostfixRestrictions(scope);
        foreach (var name in restrictions.UndefinedClasses)
        {
            var classes = scope.Value("smtpd_restriction_classes");
            Add(process, $"fatal: restriction class `{name}' needs a definition", classes.SettingSpan,
                $"define {name} = a restriction list, or remove it from smtpd_restriction_classes");
        }

        if (!restrictions.HasWorkingInstance)
        {
            Add(process, "fatal: " + PostfixRestrictions.NoWorkingInstance, RelayBlame(scope), RelayRemedy(restrictions));
        }

        foreach (var name in TempfailActions)
        {
            if (Judge(scope, name, v => OneOf(v, "defer", "defer_if_permit") ? null : $"bad configuration: {name} = {v}") is { } action)
            {
                Add(process, "fatal: " + action.Message, action.At, "write defer or defer_if_permit");
            }
        }

        // tls_level_lookup, unless wrapper mode settles TLS: smtpd knows fewer levels than the client (no dane).
        if (!scope.IsYes("smtpd_tls_wrappermode")
            && Judge(scope, "smtpd_tls_security_level", v => v.Length == 0 || OneOf(v, ServerTlsLevels) ? null : $"Invalid TLS level \"{v}\"") is { } level)
        {
            Add(process, "fatal: " + level.Message, level.At, "write none, may or encrypt");
        }
    }

    /// <summary>
    /// The smtp client's check before it delivers anything (smtp.c pre_init, tls_level_lookup): the lmtp program
    /// reads its own <c>lmtp_</c> name; wrapper mode does not spare it, unlike smtpd's.
    /// </summary>
    private void CheckClient(PostfixProcess process)
    {
        var name = process.Program + "_tls_security_level";
        if (Judge(process.Scope, name, v => v.Length == 0 || OneOf(v, ClientTlsLevels) ? null : $"Invalid TLS level \"{v}\"") is { } level)
        {
            Add(process, "fatal: " + level.Message, level.At, "write none, may, encrypt, dane, dane-only, fingerprint, verify or secure");
        }
    }

    private static bool OneOf(string value, params string[] words) => words.Contains(value, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Who is to blame when neither list works: the list written for this service, else one in main.cf
    /// (the relay list first: it is the one meant for relaying), else a written <c>compatibility_level</c>
    /// (below 1 the default relay list is empty), else nothing written.
    /// </summary>
    private static SourceSpan? RelayBlame(PostfixScope scope)
    {
        var written = new[] { scope.Value("smtpd_relay_restrictions"), scope.Value("smtpd_recipient_restrictions") }.Where(v => !v.IsDefault).ToArray();
        var chosen = written.FirstOrDefault(v => v.SettingSpan!.File != scope.MainFile) ?? written.FirstOrDefault();
        if (chosen is not null)
        {
            return chosen.SettingSpan;
        }

        var level = scope.Value("compatibility_level");
        return level.IsDefault ? null : level.SettingSpan;
    }

    private static string RelayRemedy(PostfixRestrictions restrictions)
    {
        foreach (var (name, list) in new[] { ("smtpd_relay_restrictions", restrictions.RelayList), ("smtpd_recipient_restrictions", restrictions.RecipientList) })
        {
            var permit = list.ToList().FindIndex(w => w.Equals("permit", StringComparison.OrdinalIgnoreCase));
            var late = permit < 0 ? null : list.Skip(permit + 1).FirstOrDefault(PostfixRestrictions.IsWorking);
            if (late is not null)
            {
                return $"{late} in {name} comes after a plain permit, where smtpd stops reading the list; put it before permit";
            }
        }

        return "write smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination, Postfix's default "
            + "from compatibility_level 1 on (reject_unauth_destination in its place refuses for good rather than for now)";
    }

    private void Add(PostfixProcess process, string message, SourceSpan? at, string remedy)
    {
        foreach (var (failure, stopped) in _found)
        {
            if (failure.Program == process.Program && failure.Message == message && Equals(failure.At, at) && stopped.Count > 0)
            {
                stopped.Add(process);
                return;
            }
        }

        _found.Add((new StartupFailure(process.Program, message, at, [], string.Empty, remedy), [process]));
    }

    private static string Consequence(List<PostfixProcess> stopped)
    {
        var labels = string.Join(", ", stopped.Select(p => p.Label).Distinct());
        var many = stopped.Select(p => p.Label).Distinct().Count() > 1;
        return stopped[0].Receives
            ? $"{labels} {(many ? "accept" : "accepts")} no mail"
            : $"{labels} {(many ? "do" : "does")} not run";
    }

    /// <summary>What the program would exit with over a parameter's value in a scope, and who is to blame.</summary>
    /// <param name="FromOverride">The value comes from the entry's own <c>-o</c> (not from main.cf).</param>
    private sealed record Refusal(string Message, SourceSpan At, bool FromOverride);

    /// <summary>
    /// The refusal of <paramref name="name"/>'s expanded value in <paramref name="scope"/>, when the config
    /// is to blame: the value is written there, or its default refers to a value written there. A value
    /// that a template fills in is not judged: its text is not what Postfix will read.
    /// </summary>
    /// <param name="mayRefuseLength">
    /// Whether a value of this length can be refused at all; a string parameter is judged by its length
    /// alone, so a banner of megabytes is not made into a string to be found long enough.
    /// </param>
    private static Refusal? Judge(PostfixScope scope, string name, Func<string, string?> refusal, Func<int, bool>? mayRefuseLength = null)
    {
        // Most typed parameters are neither written nor defaulted to a written one: that is settled
        // before a value is made, since every program of master.cf asks about each of them.
        var parameters = scope.Parameters;
        string? blamed = null;
        if (!parameters.IsExplicit(name))
        {
            if (parameters.RawText(name) is not { } raw || raw.IndexOf('$') < 0)
            {
                return null;
            }

            blamed = PostfixDefaults.ReferencedNamesOfDefault(raw.ToString()).FirstOrDefault(parameters.IsExplicit);
            if (blamed is null)
            {
                return null;
            }
        }

        var value = scope.Value(name);
        var written = blamed is null ? value : scope.Value(blamed);
        var at = written.SettingSpan;
        if (at is null
            || mayRefuseLength is not null && !mayRefuseLength(scope.Parameters.ExpandedText(name)?.Length ?? 0)
            || TemplateMarker().IsMatch(written.RawText.Span)
            || written.RawText.Span.Contains(TemplateFacts.Filler)) // a template's tag, masked: its rendering is unknown
        {
            return null;
        }

        var expanded = value.Expanded ?? string.Empty;
        if (TemplateMarker().IsMatch(expanded) || expanded.Contains(TemplateFacts.Filler, StringComparison.Ordinal) || refusal(expanded) is not { } message)
        {
            return null;
        }

        return new Refusal(message, at, at.File != scope.MainFile);
    }

    /// <summary>A Jinja, ERB or EPP tag, spaced as those engines' users write them (as the template detector of the walk sees them).</summary>
    [GeneratedRegex(@"\{\{-?\s|\{%-?\s|<%[=#-]?\s", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateMarker();
}
