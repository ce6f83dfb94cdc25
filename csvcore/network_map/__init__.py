"""Step 2, the network map: who is central, who gains or loses influence, how we are connected.

====== ===================================================================
trends change, slope and a Rising/Fading/... label per organization over time
ego    our ego network, paths to the central players, reach, structural holes
whole  the network as a whole per period: density, centralization, change
====== ===================================================================
"""
