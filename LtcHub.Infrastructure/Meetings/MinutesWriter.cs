using System.Globalization;
using System.Text;
using LtcHub.Domain.Common;
using LtcHub.Domain.Meetings;
using LtcHub.Infrastructure.Common;

namespace LtcHub.Infrastructure.Meetings;

/// <summary>The minutes of an ended meeting as Markdown, in the meeting's language.</summary>
public static class MinutesWriter
{
    private static readonly IReadOnlyDictionary<string, string> Zh = new Dictionary<string, string>
    {
        ["Title"] = "会议纪要", ["When"] = "时间", ["Facilitator"] = "主持人", ["Attendees"] = "参会人", ["Agenda"] = "议程",
        ["Notes"] = "记录", ["Decisions"] = "决定", ["Actions"] = "行动项", ["Moves"] = "会议中的阶段变更", ["None"] = "无",
        ["Owner"] = "负责人", ["Due"] = "截止", ["General"] = "（整体）", ["By"] = "由",
        [nameof(AgendaReason.AwaitingHandoff)] = "等待运营接收", [nameof(AgendaReason.CloseDatePassed)] = "预计成交日已过",
        [nameof(AgendaReason.CloseDateSlipped)] = "成交日推迟", [nameof(AgendaReason.Stale)] = "停滞",
        [nameof(AgendaReason.OverWip)] = "超出在制上限", [nameof(AgendaReason.Biggest)] = "大额商机", [nameof(AgendaReason.Added)] = "临时加入",
    };

    private static readonly IReadOnlyDictionary<string, string> En = new Dictionary<string, string>
    {
        ["Title"] = "Minutes", ["When"] = "When", ["Facilitator"] = "Facilitator", ["Attendees"] = "Attendees", ["Agenda"] = "Agenda",
        ["Notes"] = "Notes", ["Decisions"] = "Decisions", ["Actions"] = "Action items", ["Moves"] = "Moves made during the meeting",
        ["None"] = "none", ["Owner"] = "owner", ["Due"] = "due", ["General"] = "(general)", ["By"] = "by",
        [nameof(AgendaReason.AwaitingHandoff)] = "awaiting ops acceptance", [nameof(AgendaReason.CloseDatePassed)] = "close date passed",
        [nameof(AgendaReason.CloseDateSlipped)] = "close date slipped", [nameof(AgendaReason.Stale)] = "stale",
        [nameof(AgendaReason.OverWip)] = "stage over WIP limit", [nameof(AgendaReason.Biggest)] = "biggest open deal",
        [nameof(AgendaReason.Added)] = "added in the meeting",
    };

    public static string Write(
        MeetingSummary meeting, Person? facilitator, IReadOnlyList<Person> attendees, IReadOnlyList<AgendaLine> agenda,
        IReadOnlyList<EntryLine> entries, IReadOnlyList<ActionLine> actions, IReadOnlyList<DealChange> moves,
        Func<string, string> stageName)
    {
        var english = meeting.Culture == "en-US";
        var t = english ? En : Zh;
        var culture = CultureInfo.GetCultureInfo(meeting.Culture);
        string Time(DateTime utc) => CompanyTime.Local(utc).ToString("yyyy-MM-dd HH:mm", culture);
        string List(IEnumerable<string> items) => items.Any() ? string.Join(english ? ", " : "、", items) : t["None"];

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {t["Title"]}: {E(meeting.Title)}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- {t["When"]}: {Time(meeting.StartedAtUtc ?? meeting.ScheduledStartUtc)} – {Time(meeting.EndedAtUtc ?? meeting.ScheduledStartUtc)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {t["Facilitator"]}: {(facilitator is null ? t["None"] : E(facilitator.Name))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {t["Attendees"]}: {List(attendees.Select(a => E(a.Name)))}").AppendLine();

        md.AppendLine(CultureInfo.InvariantCulture, $"## {t["Agenda"]}").AppendLine();
        var i = 0;
        foreach (var line in agenda)
        {
            var why = string.Join(english ? ", " : "、", line.Reasons.Split().Select(r => t[r.ToString()]));
            md.AppendLine(CultureInfo.InvariantCulture, $"{++i}. **{E(line.Card.Name)}** — {E(line.Card.AccountName)}, {E(stageName(line.Card.StageKey))} ({why})");
            foreach (var note in entries.Where(e => e.DealId == line.Card.Id && e.Kind == MeetingEntryKind.Note))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"   - {E(note.AuthorName)}: {E(note.Text)}");
            }
        }

        if (agenda.Count == 0)
        {
            md.AppendLine(t["None"]);
        }

        var general = entries.Where(e => e.Kind == MeetingEntryKind.Note && (e.DealId is null || agenda.All(a => a.Card.Id != e.DealId))).ToList();
        if (general.Count > 0)
        {
            md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {t["Notes"]}").AppendLine();
            foreach (var note in general)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {E(note.AuthorName)}: {E(note.Text)}");
            }
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {t["Decisions"]}").AppendLine();
        var decisions = entries.Where(e => e.Kind == MeetingEntryKind.Decision).ToList();
        foreach (var decision in decisions)
        {
            var deal = agenda.FirstOrDefault(a => a.Card.Id == decision.DealId)?.Card.Name is { } name ? E(name) : t["General"];
            md.AppendLine(CultureInfo.InvariantCulture, $"- {deal}: {E(decision.Text)} ({t["By"]} {E(decision.AuthorName)})");
        }

        if (decisions.Count == 0)
        {
            md.AppendLine(t["None"]);
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {t["Actions"]}").AppendLine();
        foreach (var action in actions)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- [{(action.DoneAtUtc is null ? " " : "x")}] {E(action.Text)} — {t["Owner"]}: {E(action.OwnerName)}, {t["Due"]}: {action.DueDate:yyyy-MM-dd}{(action.DealName is null ? "" : $" ({E(action.DealName)})")}");
        }

        if (actions.Count == 0)
        {
            md.AppendLine(t["None"]);
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {t["Moves"]}").AppendLine();
        foreach (var move in moves)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {Time(move.AtUtc)} **{E(move.DealName)}**: {E(stageName(move.OldValue ?? ""))} → {E(stageName(move.NewValue ?? ""))} ({t["By"]} {E(move.ActorName)})");
        }

        if (moves.Count == 0)
        {
            md.AppendLine(t["None"]);
        }

        return md.ToString();
    }

    /// <summary>Whatever people typed (titles, names, notes) is text in the minutes, never Markdown or HTML.</summary>
    private static string E(string? text) => MarkdownText.Escape(text);
}
