using FluentValidation;
using FluentValidation.Results;
using IntegrationHub.Application.Common.Behaviors;
using IntegrationHub.Application.Tenancy;
using NSubstitute;
using AppValidationException = IntegrationHub.Application.Common.Exceptions.ValidationException;

namespace IntegrationHub.Application.UnitTests.Common;

public sealed class ValidationBehaviorTests
{
    [Test]
    public async Task Runs_the_handler_when_every_validator_passes()
    {
        var validator = Substitute.For<IValidator<CreateSubAccountCommand>>();
        validator.ValidateAsync(Arg.Any<CreateSubAccountCommand>(), Arg.Any<CancellationToken>()).Returns(new ValidationResult());
        var behavior = new ValidationBehavior<CreateSubAccountCommand, SubAccountDto>([validator]);
        var expected = new SubAccountDto(1, "Acme", "UTC", DateTime.UtcNow);

        var result = await behavior.Handle(new CreateSubAccountCommand("Acme", null), (_, _) => ValueTask.FromResult(expected), CancellationToken.None);

        result.Should().BeSameAs(expected);
    }

    [Test]
    public async Task Throws_with_camel_cased_fields_and_never_calls_the_handler_on_failure()
    {
        var validator = Substitute.For<IValidator<CreateSubAccountCommand>>();
        validator.ValidateAsync(Arg.Any<CreateSubAccountCommand>(), Arg.Any<CancellationToken>())
            .Returns(new ValidationResult([new ValidationFailure("Name", "'Name' must not be empty.")]));
        var behavior = new ValidationBehavior<CreateSubAccountCommand, SubAccountDto>([validator]);
        var called = false;

        var act = async () => await behavior.Handle(new CreateSubAccountCommand("", null), (_, _) =>
        {
            called = true;
            return ValueTask.FromResult<SubAccountDto>(null!);
        }, CancellationToken.None);

        (await act.Should().ThrowAsync<AppValidationException>()).Which.Errors.Should().ContainKey("name");
        called.Should().BeFalse();
    }

    [TestCase("Europe/Berlin", true)]
    [TestCase("Mars/Olympus", false)]
    [TestCase(null, true)]
    public void Sub_account_timezone_must_be_an_iana_zone(string? timezone, bool valid) =>
        new CreateSubAccountCommandValidator().Validate(new CreateSubAccountCommand("Acme", timezone)).IsValid.Should().Be(valid);
}
