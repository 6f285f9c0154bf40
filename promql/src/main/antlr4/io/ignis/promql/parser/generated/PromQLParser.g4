/*
 * PromQL expressions, following the structure of Prometheus's yacc grammar (promql/parser/generated_parser.y):
 * modifiers (offset, @, anchored, smoothed, ranges and subqueries) are postfix operators that bind tightest,
 * then ^ (right-associative), unary + and -, * / % atan2, + -, comparisons and trims, and unless, or.
 *
 * Tokens come from io.ignis.promql.parser.Lexer, a hand-written, context-sensitive lexer (Prometheus's lexer
 * changes state inside braces and brackets, and fill/fill_left/fill_right are keywords only before "(").
 * Semantic checks, error wording and positions live in the AST builder and type checker, not here.
 */
parser grammar PromQLParser;

tokens {
    ADD, ANCHORED, AT, ATAN2, AVG, BOOL, BOTTOMK, BY, COLON, COMMA, COUNT, COUNT_VALUES, DIV, DURATION,
    END, EQL, EQLC, EQL_REGEX, FILL, FILL_LEFT, FILL_RIGHT, GROUP, GROUP_LEFT, GROUP_LEFT_BARE, GROUP_RIGHT, GROUP_RIGHT_BARE, GTE, GTR, IDENTIFIER,
    IGNORING, LAND, LEFT_BRACE, LEFT_BRACKET, LEFT_PAREN, LIMITK, LIMIT_RATIO, LOR, LSS, LTE, LUNLESS, MAX, MAX_OF,
    METRIC_IDENTIFIER, MIN, MIN_OF, MOD, MUL, NEQ, NEQ_REGEX, NUMBER, OFFSET, ON, POW, QUANTILE, RANGE, RIGHT_BRACE,
    RIGHT_BRACKET, RIGHT_PAREN, SMOOTHED, START, STDDEV, STDVAR, STEP, STRING, SUB, SUM, TOPK, TRIM_LOWER,
    TRIM_UPPER, WITHOUT
}

expression
    : expr EOF
    ;

metricSelector
    : vectorSelector EOF
    ;

expr
    : expr LEFT_BRACKET rangeDuration (COLON stepDuration?)? RIGHT_BRACKET               # rangeOrSubquery
    | expr OFFSET offsetDuration                                                        # offsetExpr
    | expr AT atModifier                                                                # atExpr
    | expr ANCHORED                                                                     # anchoredExpr
    | expr SMOOTHED                                                                     # smoothedExpr
    | <assoc=right> expr op=POW binModifiers expr                                       # binaryExpr
    | op=(ADD | SUB) expr                                                               # unaryExpr
    | expr op=(MUL | DIV | MOD | ATAN2) binModifiers expr                               # binaryExpr
    | expr op=(ADD | SUB) binModifiers expr                                             # binaryExpr
    | expr op=(EQLC | NEQ | GTR | LSS | GTE | LTE | TRIM_UPPER | TRIM_LOWER) binModifiers expr  # binaryExpr
    | expr op=(LAND | LUNLESS) binModifiers expr                                        # binaryExpr
    | expr op=LOR binModifiers expr                                                     # binaryExpr
    | aggregateOp aggregateModifier functionCallBody                                    # aggregateExpr
    | aggregateOp functionCallBody aggregateModifier?                                   # aggregateExpr
    | functionName functionCallBody                                                     # callExpr
    | LEFT_PAREN expr RIGHT_PAREN                                                       # parenExpr
    | numberDurationLiteral                                                             # numberLiteral
    | STRING                                                                            # stringLiteral
    | vectorSelector                                                                    # selectorExpr
    ;

binModifiers
    : BOOL? (onOrIgnoring groupModifier?)? fillModifiers?
    ;

onOrIgnoring
    : (ON | IGNORING) groupingLabels
    ;

// As in Prometheus, a "(" after group_left/group_right always opens its label list: the lexer says which
// keywords are followed by one (GROUP_LEFT, GROUP_RIGHT) and which are not (the _BARE variants).
groupModifier
    : (GROUP_LEFT | GROUP_RIGHT) groupingLabels
    | (GROUP_LEFT_BARE | GROUP_RIGHT_BARE)
    ;

fillModifiers
    : FILL fillValue
    | FILL_LEFT fillValue (FILL_RIGHT fillValue)?
    | FILL_RIGHT fillValue (FILL_LEFT fillValue)?
    ;

fillValue
    : LEFT_PAREN (ADD | SUB)? numberDurationLiteral RIGHT_PAREN
    ;

aggregateModifier
    : (BY | WITHOUT) groupingLabels
    ;

groupingLabels
    : LEFT_PAREN (groupingLabel (COMMA groupingLabel)* COMMA?)? RIGHT_PAREN
    ;

groupingLabel
    : maybeLabel
    | STRING
    ;

functionName
    : IDENTIFIER | START | END | STEP | RANGE | MAX_OF | MIN_OF
    ;

functionCallBody
    : LEFT_PAREN (expr (COMMA expr)* COMMA?)? RIGHT_PAREN
    ;

atModifier
    : sign=(ADD | SUB)? numberDurationLiteral
    | (START | END) LEFT_PAREN RIGHT_PAREN
    ;

offsetDuration
    : sign=(ADD | SUB)? numberDurationLiteral                                           # offsetLiteral
    | sign=(ADD | SUB)? (STEP | RANGE) LEFT_PAREN RIGHT_PAREN                            # offsetStepOrRange
    | sign=(ADD | SUB)? (MAX_OF | MIN_OF) LEFT_PAREN durationExpr COMMA durationExpr RIGHT_PAREN  # offsetMinMax
    | sign=(ADD | SUB) LEFT_PAREN durationExpr RIGHT_PAREN                               # offsetSignedParen
    | durationExpr                                                                       # offsetDurationExpr
    ;

rangeDuration
    : durationExpr
    ;

stepDuration
    : durationExpr
    ;

durationExpr
    : <assoc=right> durationExpr op=POW durationExpr                                    # durationBinary
    | op=(ADD | SUB) durationExpr                                                       # durationUnary
    | durationExpr op=(MUL | DIV | MOD) durationExpr                                    # durationBinary
    | durationExpr op=(ADD | SUB) durationExpr                                          # durationBinary
    | numberDurationLiteral                                                             # durationLiteral
    | op=(STEP | RANGE) LEFT_PAREN RIGHT_PAREN                                          # durationStepOrRange
    | op=(MAX_OF | MIN_OF) LEFT_PAREN durationExpr COMMA durationExpr RIGHT_PAREN        # durationMinMax
    | LEFT_PAREN durationExpr RIGHT_PAREN                                               # durationParen
    ;

vectorSelector
    : metricIdentifier labelMatchers?
    | labelMatchers
    ;

labelMatchers
    : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE
    ;

labelMatcher
    : (IDENTIFIER | STRING) matchOp STRING
    | STRING
    ;

matchOp
    : EQL | NEQ | EQL_REGEX | NEQ_REGEX
    ;

numberDurationLiteral
    : NUMBER | DURATION
    ;

aggregateOp
    : AVG | BOTTOMK | COUNT | COUNT_VALUES | GROUP | MAX | MIN | QUANTILE | STDDEV | STDVAR | SUM | TOPK | LIMITK
    | LIMIT_RATIO
    ;

// Keywords that may be a label name in grouping options.
maybeLabel
    : AVG | BOOL | BOTTOMK | BY | COUNT | COUNT_VALUES | GROUP | GROUP_LEFT | GROUP_LEFT_BARE | GROUP_RIGHT
    | GROUP_RIGHT_BARE | FILL | FILL_LEFT
    | FILL_RIGHT | IDENTIFIER | IGNORING | LAND | LOR | LUNLESS | MAX | METRIC_IDENTIFIER | MIN | OFFSET | ON
    | QUANTILE | STDDEV | STDVAR | SUM | TOPK | START | END | ATAN2 | LIMITK | LIMIT_RATIO | STEP | RANGE
    | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;

// Keywords that may be a metric name.
metricIdentifier
    : AVG | BOTTOMK | BY | COUNT | COUNT_VALUES | FILL | FILL_LEFT | FILL_RIGHT | GROUP | IDENTIFIER | LAND | LOR
    | LUNLESS | MAX | METRIC_IDENTIFIER | MIN | OFFSET | QUANTILE | STDDEV | STDVAR | SUM | TOPK | WITHOUT | START
    | END | LIMITK | LIMIT_RATIO | STEP | RANGE | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;
