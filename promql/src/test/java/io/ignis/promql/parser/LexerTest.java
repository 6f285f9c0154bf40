package io.ignis.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.ignis.promql.parser.generated.PromQLParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

class LexerTest {
    /** "TYPE text start-end" per token, positions in bytes. */
    private static List<String> lex(String query) {
        Lexer lexer = new Lexer(query);
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(PromQLParser.VOCABULARY.getSymbolicName(t.getType()) + " " + t.getText() + " "
                    + t.getStartIndex() + "-" + (t.getStopIndex() + 1));
        }
        if (lexer.error() != null) {
            out.add("ERROR " + lexer.error().message() + " @" + lexer.error().bytePos());
        }
        return out;
    }

    @Test
    void positionsAreUtf8ByteOffsets() {
        assertThat(lex("{\"ä\"=\"☺\"} + 1")).containsExactly("LEFT_BRACE { 0-1", "STRING \"ä\" 1-5", "EQL = 5-6",
                "STRING \"☺\" 6-11", "RIGHT_BRACE } 11-12", "ADD + 13-14", "NUMBER 1 15-16");
    }

    @Test
    void keywordsAreCaseInsensitiveOutsideBraces() {
        assertThat(lex("SUM BY (x) (Offset{by=\"1\"})")).containsExactly("SUM SUM 0-3", "BY BY 4-6",
                "LEFT_PAREN ( 7-8", "IDENTIFIER x 8-9", "RIGHT_PAREN ) 9-10", "LEFT_PAREN ( 11-12",
                "OFFSET Offset 12-18", "LEFT_BRACE { 18-19", "IDENTIFIER by 19-21", "EQL = 21-22",
                "STRING \"1\" 22-25", "RIGHT_BRACE } 25-26", "RIGHT_PAREN ) 26-27");
    }

    @Test
    void fillIsAKeywordOnlyBeforeAParenthesis() {
        assertThat(lex("fill + fill (1)")).containsExactly("IDENTIFIER fill 0-4", "ADD + 5-6", "FILL fill 7-11",
                "LEFT_PAREN ( 12-13", "NUMBER 1 13-14", "RIGHT_PAREN ) 14-15");
    }

    @Test
    void lexesNumbersDurationsAndSpecialValues() {
        assertThat(lex("0x1F 1e-3 .5 5. 1_000 Inf nan 1h30m 5ms a:b")).containsExactly("NUMBER 0x1F 0-4",
                "NUMBER 1e-3 5-9", "NUMBER .5 10-12", "NUMBER 5. 13-15", "NUMBER 1_000 16-21", "NUMBER Inf 22-25",
                "NUMBER nan 26-29", "DURATION 1h30m 30-35", "DURATION 5ms 36-39", "METRIC_IDENTIFIER a:b 40-43");
    }

    @Test
    void bracketsAllowOnlyDurationSyntax() {
        assertThat(lex("x[step() * 2:1m]")).containsExactly("IDENTIFIER x 0-1", "LEFT_BRACKET [ 1-2",
                "STEP step 2-6", "LEFT_PAREN ( 6-7", "RIGHT_PAREN ) 7-8", "MUL * 9-10", "NUMBER 2 11-12",
                "COLON : 12-13", "DURATION 1m 13-15", "RIGHT_BRACKET ] 15-16");
        assertThat(lex("x[foo]")).endsWith("ERROR unexpected character in duration expression: 'f' @2");
    }

    @Test
    void skipsCommentsAndStopsAtTheFirstError() {
        assertThat(lex("a # comment\n+ b")).containsExactly("IDENTIFIER a 0-1", "ADD + 12-13", "IDENTIFIER b 14-15");
        assertThat(lex("a ) b")).containsExactly("IDENTIFIER a 0-1", "ERROR unexpected right parenthesis ')' @3");
    }

    @Test
    void validatesStringEscapes() {
        assertThat(lex("\"\\u00e4\\x41\\101\\n\"")).hasSize(1);
        assertThat(lex("\"\\uD800\"")).containsExactly("ERROR escape sequence is an invalid Unicode code point @0");
        assertThat(lex("'\\\"'")).containsExactly("ERROR unknown escape sequence U+0022 '\"' @0");
        assertThat(lex("`a\nb`")).containsExactly("STRING `a\nb` 0-5");
    }
}
