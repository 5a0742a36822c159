namespace CcWallboard.Core.Events;

/// <summary>Agent states of the event contract.</summary>
public enum AgentState
{
    LoggedOut,
    Available,
    /// <summary>Reserved / offered a contact.</summary>
    Ringing,
    OnContact,
    /// <summary>After-contact work (wrap-up).</summary>
    Acw,
    /// <summary>Unavailable for contacts, with a reason code.</summary>
    NotReady,
}

/// <summary>Channels of a contact.</summary>
public enum ContactChannel
{
    Voice,
    Chat,
    Email,
    Message,
    Callback,
}

/// <summary>The contract's wire names of states and channels.</summary>
public static class WireNames
{
    public static string Of(AgentState state) => state switch
    {
        AgentState.LoggedOut => "logged_out",
        AgentState.Available => "available",
        AgentState.Ringing => "ringing",
        AgentState.OnContact => "on_contact",
        AgentState.Acw => "acw",
        AgentState.NotReady => "not_ready",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParseState(string? text, out AgentState state)
    {
        switch (text)
        {
            case "logged_out": state = AgentState.LoggedOut; return true;
            case "available": state = AgentState.Available; return true;
            case "ringing": state = AgentState.Ringing; return true;
            case "on_contact": state = AgentState.OnContact; return true;
            case "acw": state = AgentState.Acw; return true;
            case "not_ready": state = AgentState.NotReady; return true;
            default: state = default; return false;
        }
    }

    public static string Of(ContactChannel channel) => channel switch
    {
        ContactChannel.Voice => "voice",
        ContactChannel.Chat => "chat",
        ContactChannel.Email => "email",
        ContactChannel.Message => "message",
        ContactChannel.Callback => "callback",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static bool TryParseChannel(string? text, out ContactChannel channel)
    {
        switch (text)
        {
            case "voice": channel = ContactChannel.Voice; return true;
            case "chat": channel = ContactChannel.Chat; return true;
            case "email": channel = ContactChannel.Email; return true;
            case "message": channel = ContactChannel.Message; return true;
            case "callback": channel = ContactChannel.Callback; return true;
            default: channel = default; return false;
        }
    }
}
