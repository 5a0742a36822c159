using CcWallboard.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CcWallboard.Host.Options;

/// <summary>Start-up validation of the centre configuration: every error at once, each naming its key.</summary>
internal sealed class CentreOptionsValidation : IValidateOptions<CentreOptions>
{
    public ValidateOptionsResult Validate(string? name, CentreOptions options)
    {
        var errors = CentreOptionsValidator.Validate(options);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{e.Field}: {e.Reason}"));
    }
}
