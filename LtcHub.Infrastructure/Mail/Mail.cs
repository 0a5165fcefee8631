using LtcHub.Domain.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace LtcHub.Infrastructure.Mail;

/// <summary>The <c>Smtp</c> section. Without a host, letters are written as .eml files to <see cref="PickupFolder"/>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "LtcHub <ltchub@localhost>";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Auto (STARTTLS when offered), None, or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>Where letters go when no SMTP host is set (relative to the content root).</summary>
    public string PickupFolder { get; set; } = "App_Data/mail";

    public static SmtpOptions Read(IConfiguration configuration, string contentRoot)
    {
        var options = new SmtpOptions();
        configuration.GetSection("Smtp").Bind(options);
        options.PickupFolder = Path.GetFullPath(Path.Combine(contentRoot, options.PickupFolder));
        return options;
    }
}

/// <summary>Hands one letter to the outside world.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>A real SMTP conversation (MailKit).</summary>
public sealed class SmtpEmailTransport(SmtpOptions options) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(options.Host ?? "localhost", options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>No SMTP configured: each letter becomes an .eml file (never silently dropped).</summary>
public sealed class PickupFolderTransport(SmtpOptions options, ILogger<PickupFolderTransport> logger) : IEmailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.PickupFolder);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars())) + ".eml";
        var path = Path.Combine(options.PickupFolder, name);
        await message.WriteToAsync(path, cancellationToken);
        logger.LogInformation("No SMTP host configured: wrote {Path}", path);
    }
}

public static class Letters
{
    /// <summary>The MIME letter for an outbox row: fixed Message-ID, plain UTF-8 text, and its attachment if it has one.</summary>
    public static MimeMessage ToMime(OutboxEmail email, string from)
    {
        var message = new MimeMessage { MessageId = email.MessageId, Subject = email.Subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Date = new DateTimeOffset(email.CreatedAtUtc, TimeSpan.Zero);
        var text = new TextPart("plain") { Text = email.Body };
        if (email.Attachment is { } content)
        {
            var builder = new BodyBuilder { TextBody = email.Body };
            builder.Attachments.Add(email.AttachmentName ?? "attachment", content, ContentType.Parse(email.AttachmentContentType ?? "application/octet-stream"));
            message.Body = builder.ToMessageBody();
        }
        else
        {
            message.Body = text;
        }

        return message;
    }
}
