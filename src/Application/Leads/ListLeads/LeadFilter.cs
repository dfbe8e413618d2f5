using System.Globalization;
using System.Text;

namespace IntegrationHub.Application.Leads;

/// <summary>
/// Which leads a list (and later an export) is about: the caller's scope and the user's filters, combined with AND.
/// <see cref="ILeadSearch.NewestFirst"/> answers it a page at a time.
/// </summary>
/// <param name="SubAccountId">The scope after <c>ScopeSubAccount</c>: a tenant's own, or null for an admin over all.</param>
/// <param name="Search">Free text; see <see cref="LeadSearchTerms"/>. Blank means no filter.</param>
/// <param name="Tag">Leads carrying this tag, compared case-insensitively. Blank means no filter.</param>
/// <param name="UpdatedSince">Leads whose <c>updatedAt</c> is at or after this instant.</param>
public sealed record LeadFilter(int? SubAccountId, string? Search = null, string? Tag = null, DateTimeOffset? UpdatedSince = null)
{
    public const int MaxSearchLength = 100;
    public const int MaxTagLength = Domain.Leads.LeadTag.MaxLength;

    public LeadSearchTerms? SearchTerms => LeadSearchTerms.From(Search);

    /// <summary>The tag as it is compared: trimmed and lower-cased (GoHighLevel keeps tags lower-cased).</summary>
    public string? NormalizedTag => string.IsNullOrWhiteSpace(Tag) ? null : Tag.Trim().ToLowerInvariant();

    /// <summary>A text or tag filter: its total is bounded (<see cref="LeadSearchLimits.CountCap"/>); other lists count exactly.</summary>
    public bool SearchesTextOrTags => SearchTerms is not null || NormalizedTag is not null;
}

/// <summary>
/// A search as the index sees it. <see cref="Text"/> is matched as a substring of the lower-cased name, first and last
/// name and e-mail. A search that looks like a phone number (digits with the usual punctuation only) is also matched,
/// by its digits, against the phone's digits: "415 555-12" finds "+14155551234"; "john5" is never compared with phones.
/// Every character is literal: <c>%</c>, <c>_</c> and quotes are text, never wildcards or syntax.
/// </summary>
public sealed record LeadSearchTerms(string Text, string? PhoneDigits)
{
    /// <summary>
    /// The trigram indexes cannot look up fewer than three characters, and a scan of 1,000,000 leads takes seconds, so a
    /// shorter search is refused (<see cref="LeadFilterRules"/>; ADR 0009). A phone-looking search counts its digits.
    /// </summary>
    public const int ShortestIndexed = 3;

    public bool IsShort => Text.Length < ShortestIndexed || PhoneDigits is { Length: < ShortestIndexed };

    /// <summary>Only ASCII letters, digits and punctuation: where SQLite's <c>lower()</c> folds case exactly as its FTS5 index does.</summary>
    public bool IsAscii => Text.All(char.IsAscii);

    public static LeadSearchTerms? From(string? search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        var text = search.Trim().ToLowerInvariant();
        return new LeadSearchTerms(text, LooksLikePhone(text) ? Digits(text) : null);
    }

    /// <summary>Digits only, as phones are compared (the same rule the database's index applies).</summary>
    public static string Digits(string value)
    {
        var digits = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    private static bool LooksLikePhone(string text) =>
        text.Any(c => c is >= '0' and <= '9') && text.All(c => c is >= '0' and <= '9' or ' ' or '-' or '+' or '(' or ')' or '.' or '/');
}
