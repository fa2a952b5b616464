using System.Globalization;
using System.Text.Json;
using CallRouter.Routing;
using Microsoft.Data.Sqlite;

namespace CallRouter.Core.Persistence;

/// <summary>Reads and writes the routing core's records in <see cref="CoreDatabase"/>.</summary>
public sealed class CoreRepository(CoreDatabase database)
{
    private const string EligibleModelsKey = "eligible_models";
    private const string OverflowKeyPrefix = "overflow_severity_";

    public IReadOnlyList<StoredAgent> LoadAgents()
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id, display_name, level, models, password_hash FROM agents ORDER BY agent_id";
        using SqliteDataReader reader = command.ExecuteReader();
        var agents = new List<StoredAgent>();
        while (reader.Read())
        {
            MachineModel[] models = reader.GetString(3)
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(m => Enum.Parse<MachineModel>(m))
                .ToArray();
            agents.Add(new StoredAgent(reader.GetString(0), reader.GetString(1),
                new AgentSkills((AgentLevel)reader.GetInt32(2), models), reader.GetString(4)));
        }

        return agents;
    }

    public void SaveAgent(StoredAgent agent)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO agents (agent_id, display_name, level, models, password_hash)
            VALUES ($id, $name, $level, $models, $hash)
            ON CONFLICT (agent_id) DO UPDATE SET display_name = $name, level = $level, models = $models, password_hash = $hash
            """;
        command.Parameters.AddWithValue("$id", agent.AgentId);
        command.Parameters.AddWithValue("$name", agent.DisplayName);
        command.Parameters.AddWithValue("$level", (int)agent.Skills.Level);
        command.Parameters.AddWithValue("$models", string.Join(',', agent.Skills.Models.Order()));
        command.Parameters.AddWithValue("$hash", agent.PasswordHash);
        command.ExecuteNonQuery();
    }

    public void DeleteAgent(string agentId)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM agents WHERE agent_id = $id";
        command.Parameters.AddWithValue("$id", agentId);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<MachineModel>? LoadEligibleModels() =>
        ReadSetting<MachineModel[]>(EligibleModelsKey);

    public void SaveEligibleModels(IEnumerable<MachineModel> models) =>
        WriteSetting(EligibleModelsKey, models.Order().ToArray());

    public OverflowPolicy? LoadOverflowPolicy(int severity) =>
        ReadSetting<OverflowStep[]>(OverflowKeyPrefix + severity.ToString(CultureInfo.InvariantCulture)) is { } steps
            ? new OverflowPolicy(steps)
            : null;

    public void SaveOverflowPolicy(int severity, OverflowPolicy policy) =>
        WriteSetting(OverflowKeyPrefix + severity.ToString(CultureInfo.InvariantCulture), policy.Steps.ToArray());

    public void AddWrapUp(string callId, string agentId, string disposition, string notes, DateTimeOffset at)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO wrap_ups (call_id, agent_id, disposition, notes, at) VALUES ($call, $agent, $disposition, $notes, $at)";
        command.Parameters.AddWithValue("$call", callId);
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.AddWithValue("$disposition", disposition);
        command.Parameters.AddWithValue("$notes", notes);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public void SaveCallRecord(CallRecord record)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO call_records
                (call_id, model, severity, customer_account, problem_number, from_manufacturer, outcome, agent_id, waited_ms, talked_ms, ended_at)
            VALUES ($call, $model, $severity, $account, $problem, $mfr, $outcome, $agent, $waited, $talked, $ended)
            """;
        command.Parameters.AddWithValue("$call", record.CallId);
        command.Parameters.AddWithValue("$model", record.Model.ToString());
        command.Parameters.AddWithValue("$severity", record.Severity);
        command.Parameters.AddWithValue("$account", record.CustomerAccount);
        command.Parameters.AddWithValue("$problem", record.ProblemNumber);
        command.Parameters.AddWithValue("$mfr", record.FromManufacturer ? 1 : 0);
        command.Parameters.AddWithValue("$outcome", record.Outcome);
        command.Parameters.AddWithValue("$agent", (object?)record.AgentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$waited", (long)record.Waited.TotalMilliseconds);
        command.Parameters.AddWithValue("$talked", (long)record.Talked.TotalMilliseconds);
        command.Parameters.AddWithValue("$ended", record.EndedAt.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public void AddCallbackTask(string callId, string callbackNumber, string recordingUri, DateTimeOffset at)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO callback_tasks (call_id, callback_number, recording_uri, created_at) VALUES ($call, $number, $uri, $at)";
        command.Parameters.AddWithValue("$call", callId);
        command.Parameters.AddWithValue("$number", callbackNumber);
        command.Parameters.AddWithValue("$uri", recordingUri);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    private T? ReadSetting<T>(string key)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<T>(json) : default;
    }

    private void WriteSetting<T>(string key, T value)
    {
        using SqliteConnection connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = $value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", JsonSerializer.Serialize(value));
        command.ExecuteNonQuery();
    }
}
