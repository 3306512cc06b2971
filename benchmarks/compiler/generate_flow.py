#!/usr/bin/env python3
"""Writes a large, valid flow file (flow-language version 1) for the compiler benchmark.

The flow grows in units until it reaches the requested size. One unit is a product, a custom
intent with samples in every locale, two prompts per locale and one `ask` state. The `ask`
states form a chain (each unit's state leads to the next), so every state is reachable from
`start`; the last one leads into a Charge Now checkout (setup, an `ask` that speaks the total,
charge, confirmation), so every path reaches a `tell`. Every prompt exists in every locale and
is used; every sample is unique; synonyms do not repeat across products.

Usage: generate_flow.py --bytes 1000000 -o flow-1mb.yaml [--locales en-US,en-CA]
"""

import argparse
import sys

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def letters(number):
    """Unit number as lowercase letters (a, b, …, z, ba, bb, …): intent names allow no digits."""
    text = ""
    while True:
        text = LETTERS[number % 26] + text
        number //= 26
        if number == 0:
            return text


def header(locales):
    return (
        "flowc: 1\n\n"
        "skill:\n"
        "  name: Benchmark Shop\n"
        "  invocation: benchmark shop\n"
        f"  locales: [{', '.join(locales)}]\n"
        "  privacy_policy_url: https://shop.example.com/privacy\n\n"
        "merchant:\n"
        "  seller_id: AEMGQXXXKD154\n"
        "  country: US\n"
        "  currency: USD\n"
        "  store_name: Benchmark Shop\n"
        "  seller_note: Thanks for shopping with Benchmark Shop\n"
        "  soft_descriptor: Benchmark Shop\n"
    )


def product(unit):
    word = letters(unit)
    cents = 100 + (unit * 37) % 14900
    return (
        f"  p_{unit:06d}:\n"
        f"    name: Product {word.capitalize()} Number {unit}\n"
        f'    price: "{cents // 100}.{cents % 100:02d}"\n'
        f"    synonyms: [item {word}, the {word} thing, article {word} {word}]\n"
        f"    shipping: {'true' if unit % 2 == 0 else 'false'}\n"
    )


def intent(unit, locales):
    word = letters(unit)
    lines = [f"  Pick{word.capitalize()}Intent:\n", "    slots:\n",
             "      product: catalog\n", "      quantity: AMAZON.NUMBER\n", "    samples:\n"]
    for locale in locales:
        lines.append(f"      {locale}:\n")
        lines.append(f"        - pick {word} {{product}}\n")
        lines.append(f"        - choose {word} {{quantity}} {{product}}\n")
        lines.append(f"        - i would like {word} {{product}} please\n")
    return "".join(lines)


def prompts(unit):
    return (
        f"    s_{unit:06d}: Step {unit}. Shall we go on? "
        f"The {letters(unit)} item costs {{catalog.p_{unit:06d}.price}}.\n"
        f"    s_{unit:06d}_reprompt: Say yes to go on to step {unit + 1}, or pick a product.\n"
    )


def state(unit, next_state):
    word = letters(unit).capitalize()
    return (
        f"    s_{unit:06d}:\n"
        f"      ask: s_{unit:06d}\n"
        f"      reprompt: s_{unit:06d}_reprompt\n"
        "      on:\n"
        f"        AMAZON.YesIntent: {next_state}\n"
        "        AMAZON.NoIntent: goodbye\n"
        f"        Pick{word}Intent:\n"
        "          require:\n"
        "            product: { ask: which_product, unknown: not_sold }\n"
        "          set: { product: slot.product, quantity: slot.quantity ?? 1 }\n"
        "          goto: confirm_order\n"
    )


FIXED_PROMPTS = (
    "    confirm_order: That is {quantity} {product.name} for {order.total}. Shall I check out?\n"
    "    checkout: Your total is {order.total}. Do you want to place the order?\n"
    "    order_placed: Your order is placed. Thanks for shopping with Benchmark Shop.\n"
    "    order_card_title: Order Confirmation Details\n"
    '    order_card: "Products: {quantity} {product.name}\\nTotal amount: {order.total}"\n'
    "    need_permission: To buy, please enable voice purchasing in the Alexa app.\n"
    "    declined: Your order was not placed and you have not been charged.\n"
    "    payment_problem: Sorry, there was a problem with the payment.\n"
    "    help: You can say yes to go on, pick a product, or stop.\n"
    "    goodbye: Goodbye from Benchmark Shop.\n"
    "    which_product: Which product would you like?\n"
    "    not_sold: Sorry, we do not sell {slot.product.spoken}.\n"
)

FIXED_STATES = (
    "    confirm_order:\n"
    "      ask: confirm_order\n"
    "      on:\n"
    "        AMAZON.YesIntent: setup\n"
    "        AMAZON.NoIntent: goodbye\n"
    "    setup:\n"
    "      setup: {}\n"
    "      on:\n"
    "        success: checkout\n"
    "        permission_denied: need_permission\n"
    "        error: payment_problem\n"
    "    checkout:\n"
    "      ask: checkout\n"
    "      on:\n"
    "        AMAZON.YesIntent: charge\n"
    "        AMAZON.NoIntent: goodbye\n"
    "    charge:\n"
    "      charge: {}\n"
    "      on:\n"
    "        success: thanks\n"
    "        declined: declined\n"
    "        permission_denied: need_permission\n"
    "        error: payment_problem\n"
    "    thanks:\n"
    "      tell: order_placed\n"
    "      card: { title: order_card_title, text: order_card }\n"
    "    need_permission:\n"
    "      tell: need_permission\n"
    "      permission_card: true\n"
    "    declined:\n"
    "      tell: declined\n"
    "    payment_problem:\n"
    "      tell: payment_problem\n"
    "    goodbye:\n"
    "      tell: goodbye\n"
)


def generate(target_bytes, locales):
    """The flow text: units are added until the file reaches target_bytes."""
    fixed = (len(header(locales)) + len(FIXED_PROMPTS) * len(locales) + len(FIXED_STATES) + 400)
    products, intents, prompt_blocks, states = [], [], [], []
    size = fixed
    unit = 0
    while size < target_bytes or unit == 0:
        unit += 1
        blocks = (product(unit), intent(unit, locales), prompts(unit), state(unit, "next"))
        products.append(blocks[0])
        intents.append(blocks[1])
        prompt_blocks.append(blocks[2])
        size += len(blocks[0]) + len(blocks[1]) + len(blocks[2]) * len(locales) + len(blocks[3])
    units = unit
    # The last state of the chain leads to the checkout, having chosen a product.
    states = [state(n, f"s_{n + 1:06d}") for n in range(1, units)]
    states.append(
        state(units, "").replace(
            "        AMAZON.YesIntent: \n",
            "        AMAZON.YesIntent:\n"
            f"          set: {{ product: catalog.p_{units:06d} }}\n"
            "          goto: confirm_order\n",
        )
    )
    parts = [header(locales), "\nproducts:\n", *products, "\nintents:\n", *intents, "\nprompts:\n"]
    for locale in locales:
        parts.append(f"  {locale}:\n")
        parts.extend(prompt_blocks)
        parts.append(FIXED_PROMPTS)
    parts.append(
        "\nflow:\n"
        "  start: s_000001\n"
        "  global:\n"
        "    AMAZON.HelpIntent: { say: help }\n"
        "    AMAZON.StopIntent: goodbye\n"
        "    AMAZON.CancelIntent: goodbye\n"
        "  states:\n"
    )
    parts.extend(states)
    parts.append(FIXED_STATES)
    return "".join(parts), units


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, required=True, help="approximate size to reach")
    parser.add_argument("--locales", default="en-US", help="comma-separated Alexa locales")
    parser.add_argument("-o", "--output", required=True, help="where to write the flow")
    arguments = parser.parse_args()
    text, units = generate(arguments.bytes, arguments.locales.split(","))
    with open(arguments.output, "w", encoding="utf-8") as output:
        output.write(text)
    print(f"{arguments.output}: {len(text.encode('utf-8'))} bytes, {units} products/intents/states",
          file=sys.stderr)


if __name__ == "__main__":
    main()
