namespace LtcHub.Domain.Notifications;

/// <summary>
/// An alert for one person (the bell). Its text is written in that person's language when it is
/// created. <see cref="Key"/> is unique: a reminder or alert that must fire once carries a key
/// naming what it is about, so a second run cannot create it again.
/// </summary>
public sealed class Notification
{
    public const int KeyMaxLength = 120;
    public const int TextMaxLength = 1000;

    private Notification()
    {
    }

    public Notification(string userId, string kind, string key, string text, string? link, DateTime nowUtc)
    {
        UserId = userId;
        Kind = kind;
        Key = Common.Text.Truncate(key, KeyMaxLength);
        Text = Common.Text.Truncate(text, TextMaxLength);
        Link = link;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }

    public string UserId { get; private set; } = "";

    /// <summary>"reminder.next-step", "dunning", "deal.moved", …</summary>
    public string Kind { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string? Link { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}

/// <summary>
/// An e-mail waiting to leave (the outbox). Written in the same transaction as what caused it;
/// sent afterwards and marked; its <see cref="MessageId"/> is stable, so a resend is the same letter.
/// </summary>
public sealed class OutboxEmail
{
    private OutboxEmail()
    {
    }

    public OutboxEmail(string messageId, string toAddress, string toName, string subject, string body, DateTime nowUtc,
        (int InvoiceId, int Level)? dunning = null)
    {
        MessageId = messageId;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        Body = body;
        CreatedAtUtc = nowUtc;
        DunningInvoiceId = dunning?.InvoiceId;
        DunningLevel = dunning?.Level;
    }

    public long Id { get; private set; }

    public string MessageId { get; private set; } = "";

    public string ToAddress { get; private set; } = "";

    public string ToName { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>A file sent with the letter (a quote's PDF), exactly as it was when the letter was written.</summary>
    public string? AttachmentName { get; private set; }

    public string? AttachmentContentType { get; private set; }

    public byte[]? Attachment { get; private set; }

    public OutboxEmail WithAttachment(string name, string contentType, byte[] content)
    {
        (AttachmentName, AttachmentContentType, Attachment) = (name, contentType, content);
        return this;
    }

    /// <summary>For a dunning letter: its notice's invoice and level (checked again just before sending).</summary>
    public int? DunningInvoiceId { get; private set; }

    public int? DunningLevel { get; private set; }

    /// <summary>Not sent, and never will be (the invoice was paid before the letter left).</summary>
    public DateTime? CancelledAtUtc { get; private set; }

    public void Cancel(DateTime nowUtc) => CancelledAtUtc ??= nowUtc;

    /// <summary>
    /// Until when one sender (of several app instances) holds the letter: claimed in the database before it is sent, so two
    /// senders never send it both. A sender that dies mid-way leaves the claim to run out, and the letter is sent later.
    /// </summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public void Claimed(DateTime untilUtc) => ClaimedUntilUtc = untilUtc;

    public void MarkSent(DateTime nowUtc) => SentAtUtc ??= nowUtc;

    /// <summary>A try failed: counted, and the claim let go so the next run tries again.</summary>
    public void Failed(string error)
    {
        Attempts++;
        ClaimedUntilUtc = null;
        LastError = Common.Text.Truncate(error, 500);
    }
}
