using FluentValidation;
using IntegrationHub.Domain.Leads;
using MapsterMapper;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// A tenant user (their own lead) or an admin sends an SMS, e-mail or WhatsApp message to a lead. The message is in the
/// lead's log at once (<c>queued</c>); its <c>message.send</c> commits with it and takes it to GoHighLevel.
/// </summary>
public sealed record SendLeadMessageCommand(int LeadId, string? Channel, string? Body, string? Subject, string? Html) : ICommand<LeadMessageDto>;

/// <summary>The channels the hub sends on, as the API names them, and GoHighLevel's <c>type</c> for each.</summary>
public static class MessageChannels
{
    public static readonly IReadOnlyDictionary<string, string> GoHighLevelTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sms"] = "SMS",
        ["email"] = "Email",
        ["whatsapp"] = "WhatsApp",
    };

    /// <summary>
    /// The longest body each channel takes: an SMS is at most 1,600 characters (ten concatenated segments, what LC Phone
    /// and Twilio accept), a WhatsApp text 4,096 (Meta's limit); e-mail bodies are bounded only to keep the log sane.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> MaxBodyLength = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sms"] = 1_600,
        ["whatsapp"] = 4_096,
        ["email"] = 100_000,
    };

    public const int MaxSubjectLength = 998; // RFC 5322's line limit: a longer subject cannot be written in one header line.
    public const int MaxHtmlLength = 500_000;
}

public sealed class SendLeadMessageCommandValidator : AbstractValidator<SendLeadMessageCommand>
{
    public SendLeadMessageCommandValidator()
    {
        RuleFor(x => x.Channel).NotEmpty().WithMessage("channel is required: sms, email or whatsapp.")
            .Must(c => c is null || MessageChannels.GoHighLevelTypes.ContainsKey(c)).WithMessage("channel must be sms, email or whatsapp.")
            .OverridePropertyName("channel");
        RuleFor(x => x.Body).NotEmpty().WithMessage("body is required.").OverridePropertyName("body");
        RuleFor(x => x.Body)
            .Must((command, body) => body is null || command.Channel is null || !MessageChannels.MaxBodyLength.TryGetValue(command.Channel, out var max)
                || body.Length <= max)
            .WithMessage(command => $"body is too long for {command.Channel}: GoHighLevel takes at most {MessageChannels.MaxBodyLength[command.Channel!]:N0} characters.")
            .OverridePropertyName("body");
        RuleFor(x => x.Subject).NotEmpty().When(x => x.Channel == "email").WithMessage("subject is required for an e-mail.")
            .OverridePropertyName("subject");
        RuleFor(x => x.Subject).MaximumLength(MessageChannels.MaxSubjectLength).OverridePropertyName("subject");
        RuleFor(x => x.Html).MaximumLength(MessageChannels.MaxHtmlLength).OverridePropertyName("html");
    }
}

public sealed class SendLeadMessageHandler(IAppDbContext db, ICurrentUser user, IMessageCarriers carriers, IMapper mapper, TimeProvider clock)
    : ICommandHandler<SendLeadMessageCommand, LeadMessageDto>
{
    public async ValueTask<LeadMessageDto> Handle(SendLeadMessageCommand command, CancellationToken cancellationToken)
    {
        var lead = await db.Leads.AsNoTracking().SingleOrDefaultAsync(l => l.Id == command.LeadId, cancellationToken);
        if (lead is null || !user.CanSee(lead.SubAccountId))
        {
            throw new NotFoundException("Lead", command.LeadId);
        }

        var channel = command.Channel!;
        var to = channel == "email" ? lead.Email : lead.Phone;
        if (string.IsNullOrWhiteSpace(to))
        {
            var field = channel == "email" ? "email" : "phone";
            throw new Common.Exceptions.ValidationException(field, $"The lead has no {(field == "email" ? "e-mail address" : "phone number")}: set its {field} before sending {(channel == "email" ? "an e-mail" : "a " + MessageChannels.GoHighLevelTypes[channel] + " message")}.");
        }

        if (!await carriers.HasCarrierAsync(lead.SubAccountId, cancellationToken))
        {
            throw new ConflictException("The lead's sub-account has no GoHighLevel integration to send the message through.");
        }

        // A subject or HTML only means something to an e-mail; on a text message it is left out, not sent.
        var email = channel == "email";
        var message = LeadMessage.Queue(lead.SubAccountId, lead.Id, lead.ExternalContactId, MessageChannels.GoHighLevelTypes[channel], command.Body!,
            email ? command.Subject : null, email ? command.Html : null, to, clock.GetUtcNow().UtcDateTime);
        db.LeadMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return mapper.Map<LeadMessageDto>(message);
    }
}
