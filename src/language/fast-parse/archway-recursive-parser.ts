/**
 * A hand-written recursive-descent parser for the Archway grammar (`archway.langium`). It makes
 * the decisions Chevrotain's LL(*) parser makes on valid text (the grammar is unambiguous, so
 * there is only one parse) and drives `AstCstBuilder`, which builds the AST and CST exactly as
 * Langium does. At the first token it does not expect it gives up (`parse` returns undefined):
 * text with syntax errors is parsed by Langium's parser, so every error, recovery and message
 * stays Langium's.
 */
import type { TokenType } from 'chevrotain';
import type { AstNode } from 'langium';
import type { ArchwayTokens, TokenTypeDictionary } from './archway-lexer.js';
import { NotAccepted, type AstCstBuilder } from './cst-builder.js';
import type { RuleElements } from './grammar-elements.js';
import { RecursiveParserBase, type Feature } from './recursive-parser-base.js';

/**
 * The recursive-descent parser for one grammar (the declarations; lookahead and the data type
 * rules are in `RecursiveParserBase`); `parse` may be called any number of times.
 */
export class ArchwayRecursiveParser extends RecursiveParserBase {
    /** A parser for the grammar whose elements `rules` lists, over tokens of `types`. */
    constructor(rules: (name: string) => RuleElements, types: TokenTypeDictionary) {
        super(rules, types);
    }

    /** The root node of `tokens`' parse, or undefined when the text is not valid. */
    parse(tokens: ArchwayTokens, builder: AstCstBuilder): AstNode | undefined {
        const types = new Array<TokenType | undefined>(tokens.count + 4);
        for (let i = 0; i < tokens.count; i++) types[i] = tokens.types[tokens.kind[i]];
        this.types = types;
        this.pos = 0;
        this.b = builder;
        try {
            return builder.finish(this.archFile());
        } catch (error) {
            // A stack overflow goes to Langium's parser too, which has its own guard for it.
            if (error instanceof NotAccepted || error instanceof RangeError) return undefined;
            throw error;
        } finally {
            this.types = [];
            this.b = undefined!;
        }
    }

    // ------------------------------------------------------------------ rules

    private annotations(rule: RuleElements): void {
        const feature = rule.call('Annotation');
        while (this.is('@')) this.call(feature, this.r('Annotation'), r => this.annotation(r));
    }

    private properties(rule: RuleElements, nth = 0): void {
        const open = rule.keyword('{', nth);
        this.block(open, rule.keyword('}', nth), () => this.property(rule.call('Property', nth)));
    }

    private archFile(): AstNode {
        const rule = this.r('ArchFile');
        this.b.start(rule.type!);
        if (this.is('architecture') && this.la(1) === this.T.STRING) {
            this.call(rule.call('ArchitectureHeader'), this.r('ArchitectureHeader'), r => {
                this.keyword(r.keyword('architecture'));
                this.expect(this.T.STRING, r.call('STRING'));
            });
        }
        while (this.is('import') && this.la(1) === this.T.STRING) {
            this.call(rule.call('Import'), this.r('Import'), r => {
                this.keyword(r.keyword('import'));
                this.expect(this.T.STRING, r.call('STRING'));
            });
        }
        while (this.la() !== undefined) this.call(rule.call('TopElement'), this.r('TopElement'), r => this.topElement(r));
        return this.b.construct() as AstNode;
    }

    private topElement(rule: RuleElements): void {
        const at = this.afterAnnotations();
        const annotated = at > 0;
        if (this.is('zone', at) && this.isName(at + 1)) this.call(rule.call('Zone'), this.r('Zone'), r => this.zone(r));
        else if (!annotated && this.is('view') && this.isName(1)) this.call(rule.call('View'), this.r('View'), r => this.view(r));
        else if (!annotated && this.is('flow') && this.isName(1)) this.call(rule.call('Flow'), this.r('Flow'), r => this.flow(r));
        else if (this.isComponentKind(at) && this.isName(at + 1)) this.call(rule.call('Component'), this.r('Component'), r => this.component(r));
        else if (this.startsConnection(at)) this.call(rule.call('Connection'), this.r('Connection'), r => this.connection(r));
        else this.fail();
    }

    private annotation(r: RuleElements): void {
        this.keyword(r.keyword('@'));
        this.name(r.call('Name', 0));
        if (this.is('(')) {
            this.keyword(r.keyword('('));
            this.name(r.call('Name', 1));
            if (this.is(',')) {
                this.keyword(r.keyword(','));
                this.expect(this.T.STRING, r.call('STRING'));
            }
            this.keyword(r.keyword(')'));
        }
    }

    private zone(r: RuleElements): void {
        this.annotations(r);
        this.keyword(r.keyword('zone'));
        this.name(r.call('Name'));
        this.optionalString(r.call('STRING'));
        this.block(r.keyword('{'), r.keyword('}'), () => this.call(r.call('ZoneMember'), this.r('ZoneMember'), m => this.zoneMember(m)));
    }

    private zoneMember(rule: RuleElements): void {
        const at = this.afterAnnotations();
        if (this.is('zone', at) && this.isName(at + 1)) this.call(rule.call('Zone'), this.r('Zone'), r => this.zone(r));
        else if (this.isComponentKind(at) && this.isName(at + 1)) this.call(rule.call('Component'), this.r('Component'), r => this.component(r));
        else if (this.startsConnection(at)) this.call(rule.call('Connection'), this.r('Connection'), r => this.connection(r));
        else if (at === 0 && this.isName() && this.is(':', 1)) this.property(rule.call('Property'));
        else this.fail();
    }

    private component(r: RuleElements): void {
        this.annotations(r);
        this.call(r.call('ComponentKind'), this.r('ComponentKind'), k => {
            const type = this.la();
            if (type === this.T.ID) this.b.consume(this.pos++, k.call('ID'));
            else this.call(k.call('Kind'), this.r('Kind'), kind => this.keywordOf(this.kindKeywords, kind));
        });
        this.name(r.call('Name'));
        this.optionalString(r.call('STRING'));
        if (this.is('{')) {
            this.block(r.keyword('{'), r.keyword('}'), () => this.call(r.call('ComponentMember'), this.r('ComponentMember'), m => this.componentMember(m)));
        }
    }

    private componentMember(rule: RuleElements): void {
        const at = this.afterAnnotations();
        if (this.is('route', at) && this.la(at + 1) === this.T.STRING) this.call(rule.call('Route'), this.r('Route'), r => this.route(r));
        else if (this.isArrow(at)) this.call(rule.call('BodyConnection'), this.r('BodyConnection'), r => this.bodyConnection(r));
        else if ((this.is('topic', at) || this.is('queue', at)) && this.isName(at + 1)) this.call(rule.call('Channel'), this.r('Channel'), r => this.channel(r));
        else if (at === 0 && this.isName() && this.is(':', 1)) this.property(rule.call('Property'));
        else this.fail();
    }

    private channel(r: RuleElements): void {
        this.annotations(r);
        this.call(r.call('ChannelKind'), this.r('ChannelKind'), k => this.keywordOf(this.channelKeywords, k));
        this.name(r.call('Name'));
        this.optionalString(r.call('STRING'));
        if (this.is('{')) this.properties(r);
    }

    private route(r: RuleElements): void {
        this.annotations(r);
        this.keyword(r.keyword('route'));
        this.expect(this.T.STRING, r.call('STRING'));
        this.keyword(r.keyword('->'));
        this.qualifiedName(r.reference());
        if (this.is(':')) {
            this.keyword(r.keyword(':'));
            this.protocol(r.call('Protocol'));
        }
        if (this.is('{')) this.properties(r);
    }

    private connection(r: RuleElements): void {
        this.annotations(r);
        this.qualifiedName(r.reference(0));
        this.arrow(r.call('Arrow'));
        this.qualifiedName(r.reference(1));
        this.connectionTail();
    }

    private bodyConnection(r: RuleElements): void {
        this.annotations(r);
        this.arrow(r.call('Arrow'));
        this.qualifiedName(r.reference(0));
        this.connectionTail();
    }

    /** The fragment: no node of its own; its elements go into the current node. */
    private connectionTail(): void {
        const r = this.r('ConnectionTail');
        if (this.is(':')) {
            this.keyword(r.keyword(':'));
            this.protocol(r.call('Protocol'));
        }
        this.optionalString(r.call('STRING'));
        if (this.is('{')) this.properties(r);
    }

    private property(feature: Feature): void {
        this.call(feature, this.r('Property'), r => {
            this.name(r.call('Name'));
            this.keyword(r.keyword(':'));
            this.value(r.call('Value'));
            if (this.is(',')) this.keyword(r.keyword(','));
            else if (this.is(';')) this.keyword(r.keyword(';'));
        });
    }

    private value(feature: Feature): void {
        this.call(feature, this.r('Value'), rule => {
            const type = this.la();
            const T = this.T;
            const terminal = (name: string, ruleName: string): void => this.call(rule.call(ruleName), this.r(ruleName), r => this.expect(T[name], r.call(name)));
            if (this.isName()) {
                this.call(rule.call('WordValue'), this.r('WordValue'), r => {
                    this.qualifiedName(r.reference());
                    if (this.is('{')) this.properties(r);
                });
            } else if (type === T.STRING) terminal('STRING', 'StringValue');
            else if (type === T.NUMBER) terminal('NUMBER', 'NumberValue');
            else if (type === T.DURATION) terminal('DURATION', 'DurationValue');
            else if (type === T.RATE) terminal('RATE', 'RateValue');
            else if (type === T.QUANTITY) terminal('QUANTITY', 'QuantityValue');
            else if (type === T.PERCENT) terminal('PERCENT', 'PercentValue');
            else if (type === T['[']) this.call(rule.call('ListValue'), this.r('ListValue'), r => this.listValue(r));
            else if (type === T['{']) {
                this.call(rule.call('BlockValue'), this.r('BlockValue'), r => {
                    this.b.action(r.actionType());
                    this.properties(r);
                });
            } else this.fail();
        });
    }

    private listValue(r: RuleElements): void {
        this.b.action(r.actionType());
        this.keyword(r.keyword('['));
        if (!this.is(']') && !this.is(',')) {
            this.value(r.call('Value', 0));
            while (this.is(',') && !this.is(']', 1)) {
                this.keyword(r.keyword(',', 0));
                this.value(r.call('Value', 1));
            }
        }
        if (this.is(',')) this.keyword(r.keyword(',', 1));
        this.keyword(r.keyword(']'));
    }

    private view(r: RuleElements): void {
        this.keyword(r.keyword('view'));
        this.name(r.call('Name'));
        this.optionalString(r.call('STRING'));
        this.block(r.keyword('{'), r.keyword('}'), () => {
            if (this.is('include') && (this.is('*', 1) || this.isName(1))) {
                this.call(r.call('ViewInclude'), this.r('ViewInclude'), i => {
                    this.keyword(i.keyword('include'));
                    if (this.is('*')) this.keyword(i.keyword('*'));
                    else this.referenceList(i);
                });
            } else if (this.is('exclude') && this.isName(1)) {
                this.call(r.call('ViewExclude'), this.r('ViewExclude'), e => {
                    this.keyword(e.keyword('exclude'));
                    this.referenceList(e);
                });
            } else if (this.isName() && this.is(':', 1)) this.property(r.call('Property'));
            else this.fail();
        });
    }

    /** `elements+=[Element] (',' elements+=[Element])*`. */
    private referenceList(r: RuleElements): void {
        this.qualifiedName(r.reference(0));
        while (this.is(',')) {
            this.keyword(r.keyword(','));
            this.qualifiedName(r.reference(1));
        }
    }

    private flow(r: RuleElements): void {
        this.keyword(r.keyword('flow'));
        this.name(r.call('Name'));
        this.optionalString(r.call('STRING'));
        this.block(r.keyword('{'), r.keyword('}'), () => {
            if (this.isName() && this.is(':', 1)) this.property(r.call('Property'));
            else if (this.startsConnection(0)) {
                this.call(r.call('FlowStep'), this.r('FlowStep'), s => {
                    this.qualifiedName(s.reference(0));
                    this.arrow(s.call('Arrow'));
                    this.qualifiedName(s.reference(1));
                    if (this.is(':')) {
                        this.keyword(s.keyword(':'));
                        this.protocol(s.call('Protocol'));
                    }
                    this.optionalString(s.call('STRING'));
                });
            } else this.fail();
        });
    }
}
