using IntegrationHub.Application.Common.Validation;
using System.Linq.Expressions;
using FluentValidation;

namespace IntegrationHub.Application.Leads;

/// <summary>The rules for a <see cref="LeadFilter"/>'s text inputs, shared by every use case that takes one (list, export).</summary>
public static class LeadFilterRules
{
    public static void Add<T>(AbstractValidator<T> validator, Expression<Func<T, string?>> search, Expression<Func<T, string?>> tag,
        Expression<Func<T, string?>> updatedSince)
    {
        validator.RuleFor(search).MaximumLength(LeadFilter.MaxSearchLength).OverridePropertyName("search");
        validator.RuleFor(search)
            .Must(value => LeadSearchTerms.From(value) is not { IsShort: true })
            .OverridePropertyName("search")
            .WithMessage($"search needs at least {LeadSearchTerms.ShortestIndexed} characters ({LeadSearchTerms.ShortestIndexed} digits for a phone number): "
                + "shorter terms cannot be looked up in the search index.");
        validator.RuleFor(tag).MaximumLength(LeadFilter.MaxTagLength).OverridePropertyName("tag");
        validator.RuleFor(updatedSince)
            .Must(value => value is null || IsoInstant.TryParse(value, out _))
            .OverridePropertyName("updatedSince")
            .WithMessage("updatedSince must be an ISO-8601 date and time with an offset or Z, such as 2026-12-01T09:30:00Z.");
    }
}
