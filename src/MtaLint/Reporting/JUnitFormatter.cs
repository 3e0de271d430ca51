using System.Globalization;
using System.Text;
using System.Xml;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// JUnit XML (<c>--format junit</c>) for CI systems that show test reports (GitLab merge
/// requests, Jenkins). One <c>testsuite</c> per file checked; one failing <c>testcase</c> per
/// finding, named by rule and position, so GitLab's test widget lists every finding on its own
/// line with the message as the failure; a clean file gets one passing case, so its suite is not
/// empty (Jenkins treats a report without tests as an error). Every string from a config or a file
/// name goes through <see cref="UnsafeChars"/> (paths through <see cref="EscapedPath"/>): XML 1.0
/// cannot hold a control char or a lone surrogate (the writer threw, and the CI report was lost), and
/// the test widgets show what the report holds.
/// </summary>
internal sealed class JUnitFormatter(ReportPaths paths) : WholeRunFormatter
{
    public const string CleanCaseName = "no findings";

    public JUnitFormatter()
        : this(ReportPaths.FromCurrentDirectory())
    {
    }

    public override string Name => "junit";

    public override string Description => "JUnit XML for CI test reports (GitLab, Jenkins): a suite per file, a failing case per finding";

    protected override void Write(Report report, TextWriter output, ReportSettings settings)
    {
        var diagnostics = report.Diagnostics.ToArray();
        var checkedFiles = report.Units.SelectMany(u => u.Files).Distinct(StringComparer.Ordinal).ToArray();
        var byFile = diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var files = checkedFiles.Concat(byFile.Keys.Where(k => !checkedFiles.Contains(k))).ToList();
        var xmlSettings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n", OmitXmlDeclaration = false };
        using var buffer = new StringWriterUtf8();
        using (var xml = XmlWriter.Create(buffer, xmlSettings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "mtalint");
            xml.WriteAttributeString("tests", Invariant(files.Sum(f => Math.Max(1, byFile.GetValueOrDefault(f)?.Count ?? 0))));
            xml.WriteAttributeString("failures", Invariant(diagnostics.Length));
            xml.WriteAttributeString("errors", "0");
            foreach (var file in files)
            {
                var path = EscapedPath.Of(paths.Relative(file));
                var findings = byFile.GetValueOrDefault(file) ?? [];
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", path);
                xml.WriteAttributeString("tests", Invariant(Math.Max(1, findings.Count)));
                xml.WriteAttributeString("failures", Invariant(findings.Count));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", "0");
                if (findings.Count == 0)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", CleanCaseName);
                    xml.WriteAttributeString("classname", path);
                    xml.WriteAttributeString("file", path);
                    xml.WriteEndElement();
                }

                foreach (var d in findings)
                {
                    WriteCase(xml, d, path);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        output.Write(buffer.ToString());
        output.Write('\n');
    }

    private void WriteCase(XmlWriter xml, Diagnostic d, string path)
    {
        var position = d.Start is { } s ? $"{s.Line}:{s.Column}" : null;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", UnsafeChars.Replaced(position is null ? $"{d.RuleId} {d.RuleName}" : $"{d.RuleId} {d.RuleName} at {position}"));
        xml.WriteAttributeString("classname", path);
        xml.WriteAttributeString("file", path);
        if (d.Start is { } start)
        {
            xml.WriteAttributeString("line", Invariant(start.Line));
        }

        xml.WriteStartElement("failure");
        xml.WriteAttributeString("message", UnsafeChars.Replaced(d.Message));
        xml.WriteAttributeString("type", d.Severity.ToString().ToLowerInvariant());
        var body = new StringBuilder();
        body.Append(path).Append(position is null ? string.Empty : ":" + position)
            .Append(": ").Append(d.Severity.ToString().ToLowerInvariant()).Append('[').Append(d.RuleId).Append("] ").Append(UnsafeChars.Replaced(d.Message));
        foreach (var note in d.Finding.Notes)
        {
            body.Append("\n  = ").Append(UnsafeChars.Replaced(note));
        }

        foreach (var related in d.Finding.Related)
        {
            body.Append("\n  = ").Append(paths.At(related));
        }

        if (d.Fix is { } fix)
        {
            body.Append("\n  = fix (").Append(fix.Safety == FixSafety.Safe ? "safe" : "unsafe").Append("): ").Append(UnsafeChars.Replaced(fix.Description));
        }

        xml.WriteString(body.ToString());
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class StringWriterUtf8 : StringWriter
    {
        public StringWriterUtf8()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
