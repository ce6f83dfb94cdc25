"""Step 3, leadership strategy: what it would take for us to lead better in this network.

=========== ================================================================
position    our strengths and weaknesses as a collaborator, with their numbers
assessment  the self-assessment of the six practices across the five boundaries
boundaries  which boundaries our ties cross (E-I index), against the network
brokerage   Gould-Fernandez brokerage roles and Burt's structural holes
partners    partners to approach, and the what-if of new ties
convening   the smallest convening group and the dialogue plan
strategy    everything step 3 shows, for one map, period and organization
brief       the executive brief
=========== ================================================================
"""
