"""Cypher split into tokens, strictly enough that every engine luocdo talks to would agree.

The read-only guard reasons about tokens, not about a regex over the text: a comment or a string
that the guard reads one way and the engine another is how a write hides in a "read". Where two
grammars could disagree, the text is refused rather than guessed at:

* a block comment ends at the first ``*/`` in Neo4j but not in LadybugDB's grammar
  (``'*' ~'/'`` pairs swallow ``**/``), so a block comment may hold no ``*`` at all;
* only the string escapes every grammar knows (``\\\\ \\' \\" \\b \\f \\n \\r \\t \\uXXXX``);
* outside strings, comments and backquoted names only ASCII (the openCypher grammar reads some
  Unicode dashes as a minus).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class TokenKind(StrEnum):
    NAME = "name"  # a bare identifier: keyword, function, variable, label or property
    QUOTED_NAME = "quoted name"  # `backquoted`
    STRING = "string"
    NUMBER = "number"
    PARAMETER = "parameter"  # $name
    SYMBOL = "symbol"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    start: int


class CypherSyntaxRefused(ValueError):
    """Text the guard cannot tokenise unambiguously; the message says where and why."""


_ESCAPE = re.compile(r"\\(?:[\\'\"bfnrtBFNRT]|[uU][0-9a-fA-F]{4})")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)")
_SYMBOLS = ("<>", "<=", ">=", "=~", "+=", "->", "<-", "..", "::", *"()[]{}<>=+-*/%^,.:;|!&~")
_SPACE = " \t\n\r\f\v"


def tokens(query: str) -> list[Token]:
    """The query's tokens, comments and white space dropped; :class:`CypherSyntaxRefused` when
    any part of the text could be read two ways."""
    out: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch in _SPACE:
            i += 1
        elif query.startswith("//", i):
            i = _line_end(query, i)
        elif query.startswith("/*", i):
            i = _block_comment_end(query, i)
        elif ch in "'\"":
            end = _string_end(query, i)
            out.append(Token(TokenKind.STRING, query[i:end], i))
            i = end
        elif ch == "`":
            end = query.find("`", i + 1)
            if end < 0:
                raise CypherSyntaxRefused(f"unclosed backquoted name at character {i}")
            out.append(Token(TokenKind.QUOTED_NAME, query[i + 1:end], i))
            i = end + 1
        elif ch == "$":
            m = _NAME.match(query, i + 1) or re.compile(r"[0-9]+").match(query, i + 1)
            if not m:
                raise CypherSyntaxRefused(f"a parameter needs a name after '$' (character {i})")
            out.append(Token(TokenKind.PARAMETER, m.group(0), i))
            i = m.end()
        elif m := _NAME.match(query, i):
            out.append(Token(TokenKind.NAME, m.group(0), i))
            i = m.end()
        elif (m := _NUMBER.match(query, i)) and not query.startswith("..", i):
            out.append(Token(TokenKind.NUMBER, m.group(0), i))
            i = m.end()
        else:
            symbol = next((s for s in _SYMBOLS if query.startswith(s, i)), None)
            if symbol is None:
                raise CypherSyntaxRefused(f"character {ch!r} at {i} is not allowed outside strings")
            out.append(Token(TokenKind.SYMBOL, symbol, i))
            i += len(symbol)
    return out


def _line_end(query: str, i: int) -> int:
    ends = [e for e in (query.find("\n", i), query.find("\r", i)) if e >= 0]
    return min(ends) if ends else len(query)


def _block_comment_end(query: str, i: int) -> int:
    end = query.find("*/", i + 2)
    if end < 0:
        raise CypherSyntaxRefused(f"unclosed comment at character {i}")
    if "*" in query[i + 2:end]:
        raise CypherSyntaxRefused(f"a comment holding '*' (character {i}): engines end such comments differently")
    return end + 2


def _string_end(query: str, i: int) -> int:
    quote, j, n = query[i], i + 1, len(query)
    while j < n:
        ch = query[j]
        if ch == quote:
            return j + 1
        if ch == "\\":
            m = _ESCAPE.match(query, j)
            if not m:
                raise CypherSyntaxRefused(f"escape {query[j:j + 2]!r} at {j}: not one every engine reads alike")
            j = m.end()
        else:
            j += 1
    raise CypherSyntaxRefused(f"unclosed string at character {i}")
