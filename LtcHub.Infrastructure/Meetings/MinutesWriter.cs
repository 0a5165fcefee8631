using System.Globalization;
using System.Text;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Infrastructure.Common;
using LtcHub.Infrastructure.Notifications;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>The minutes of an ended meeting as Markdown, in the meeting's language.</summary>
public static class MinutesWriter
{
    public static string Write(
        MeetingSummary meeting, Person? facilitator, IReadOnlyList<Person> attendees, IReadOnlyList<AgendaLine> agenda,
        IReadOnlyList<EntryLine> entries, IReadOnlyList<ActionLine> actions, IReadOnlyList<DealChange> moves,
        Func<string, string> stageName, IReadOnlyList<ReportLine>? reports = null)
    {
        var english = meeting.Culture == Languages.English;
        string T(string key) => Texts.Get("minutes." + key, meeting.Culture);
        var culture = CultureInfo.GetCultureInfo(meeting.Culture);
        string Time(DateTime utc) => CompanyTime.Local(utc).ToString("yyyy-MM-dd HH:mm", culture);
        string List(IEnumerable<string> items) => items.Any() ? string.Join(english ? ", " : "、", items) : T("None");

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {T("Title")}: {E(meeting.Title)}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- {T("When")}: {Time(meeting.StartedAtUtc ?? meeting.ScheduledStartUtc)} – {Time(meeting.EndedAtUtc ?? meeting.ScheduledStartUtc)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {T("Facilitator")}: {(facilitator is null ? T("None") : E(facilitator.Name))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {T("Attendees")}: {List(attendees.Select(a => E(a.Name)))}").AppendLine();

        md.AppendLine(CultureInfo.InvariantCulture, $"## {T("Agenda")}").AppendLine();
        var i = 0;
        foreach (var line in agenda)
        {
            var why = string.Join(english ? ", " : "、", line.Reasons.Split().Select(r => T(r.ToString())));
            md.AppendLine(CultureInfo.InvariantCulture, $"{++i}. **{E(line.Card.Name)}** — {E(line.Card.AccountName)}, {E(stageName(line.Card.StageKey))} ({why})");
            foreach (var note in entries.Where(e => e.DealId == line.Card.Id && e.Kind == MeetingEntryKind.Note))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"   - {E(note.AuthorName)}: {E(note.Text)}");
            }
        }

        if (agenda.Count == 0)
        {
            md.AppendLine(T("None"));
        }

        var general = entries.Where(e => e.Kind == MeetingEntryKind.Note && (e.DealId is null || agenda.All(a => a.Card.Id != e.DealId))).ToList();
        if (general.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {T("Notes")}").AppendLine();
            foreach (var note in general)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {E(note.AuthorName)}: {E(note.Text)}");
            }
        }

        // The figures as they were when each report was shown (written by the app in the meeting's language, names escaped there).
        var shown = (reports ?? []).Where(r => r.SnapshotMarkdown is not null).ToList();
        if (shown.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {T("Numbers")}").AppendLine();
            foreach (var report in shown)
            {
                md.AppendLine(report.SnapshotMarkdown!.TrimEnd()).AppendLine();
            }
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {T("Decisions")}").AppendLine();
        var decisions = entries.Where(e => e.Kind == MeetingEntryKind.Decision).ToList();
        foreach (var decision in decisions)
        {
            var deal = agenda.FirstOrDefault(a => a.Card.Id == decision.DealId)?.Card.Name is { } name ? E(name) : T("General");
            md.AppendLine(CultureInfo.InvariantCulture, $"- {deal}: {E(decision.Text)} ({T("By")} {E(decision.AuthorName)})");
        }

        if (decisions.Count == 0)
        {
            md.AppendLine(T("None"));
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {T("Actions")}").AppendLine();
        foreach (var action in actions)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- [{(action.DoneAtUtc is null ? " " : "x")}] {E(action.Text)} — {T("Owner")}: {E(action.OwnerName)}, {T("Due")}: {action.DueDate:yyyy-MM-dd}{(action.DealName is null ? "" : $" ({E(action.DealName)})")}");
        }

        if (actions.Count == 0)
        {
            md.AppendLine(T("None"));
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {T("Moves")}").AppendLine();
        foreach (var move in moves)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {Time(move.AtUtc)} **{E(move.DealName)}**: {E(stageName(move.OldValue ?? ""))} → {E(stageName(move.NewValue ?? ""))} ({T("By")} {E(move.ActorName)})");
        }

        if (moves.Count == 0)
        {
            md.AppendLine(T("None"));
        }

        return md.ToString();
    }

    /// <summary>Whatever people typed (titles, names, notes) is text in the minutes, never Markdown or HTML.</summary>
    private static string E(string? text) => MarkdownText.Escape(text);
}
