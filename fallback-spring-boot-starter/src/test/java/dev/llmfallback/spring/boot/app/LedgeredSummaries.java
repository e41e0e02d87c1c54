package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import dev.llmfallback.LlmFallback;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@code @Transactional} bean whose heads are chains: each link writes a row saying which provider it asked, then
 * asks it, so the transaction's outcome shows in the table; and each link notes the transaction it ran in.
 */
public class LedgeredSummaries {

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final AnthropicClient anthropic;
    private final OpenAIClient openAi;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public LedgeredSummaries(JdbcTemplate jdbc, DataSource dataSource, AnthropicClient anthropic, OpenAIClient openAi) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.anthropic = anthropic;
        this.openAi = openAi;
    }

    @Transactional
    @LlmFallback(next = "openAi", provider = "anthropic")
    public String summarize(String text) {
        note("anthropic");
        return Summaries.anthropic(anthropic, text);
    }

    @Transactional
    @LlmFallback(next = "openAi", provider = "anthropic", timeout = "5s")
    public String summarizeWithin(String text) {
        note("anthropic");
        return Summaries.anthropic(anthropic, text);
    }

    @LlmFallback(provider = "openai")
    public String openAi(String text) {
        note("openai");
        return Summaries.openAi(openAi, text);
    }

    /**
     * What the links saw, in order.
     *
     * @return the notes since the last {@link #forget()}
     */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Forgets the notes. */
    public void forget() {
        seen.clear();
    }

    /**
     * The rows written and committed.
     *
     * @return the providers asked, oldest first
     */
    public List<String> ledger() {
        return jdbc.queryForList("select provider from asked order by id", String.class);
    }

    private void note(String provider) {
        seen.add(new Seen(provider, Thread.currentThread(), TransactionSynchronizationManager.isActualTransactionActive(),
                TransactionSynchronizationManager.getResource(dataSource)));
        jdbc.update("insert into asked(provider) values (?)", provider);
    }

    /**
     * One link's view.
     *
     * @param provider    the link's provider
     * @param thread      the thread it ran on
     * @param transaction whether a transaction was active there
     * @param connection  the transaction's connection holder on that thread, {@code null} outside one
     */
    public record Seen(String provider, Thread thread, boolean transaction, Object connection) {
    }
}
