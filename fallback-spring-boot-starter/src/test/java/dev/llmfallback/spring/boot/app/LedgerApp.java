package dev.llmfallback.spring.boot.app;

import com.anthropic.client.AnthropicClient;
import com.openai.client.OpenAIClient;
import javax.sql.DataSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A Boot application with Spring's JDBC transactions over an in-memory H2 database and a {@code @Transactional}
 * chain bean ({@link LedgeredSummaries}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableTransactionManagement
@Import(FakeSdkClients.class)
public class LedgerApp {

    @Bean(destroyMethod = "shutdown")
    EmbeddedDatabase dataSource() {
        EmbeddedDatabase database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
                .generateUniqueName(true).build();
        new JdbcTemplate(database).execute(
                "create table asked (id int auto_increment primary key, provider varchar(32) not null)");
        return database;
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    LedgeredSummaries ledgeredSummaries(JdbcTemplate jdbc, DataSource dataSource, AnthropicClient anthropic,
            OpenAIClient openAi) {
        return new LedgeredSummaries(jdbc, dataSource, anthropic, openAi);
    }
}
